package dev.blackbox.ui;

import dev.blackbox.command.incident.RuleViolation;
import dev.blackbox.command.web.ClientIds;
import dev.blackbox.command.web.CommandRequest;
import dev.blackbox.command.web.CommandRequests.AcknowledgeRequest;
import dev.blackbox.command.web.CommandRequests.AddCorrectiveActionRequest;
import dev.blackbox.command.web.CommandRequests.AddNoteRequest;
import dev.blackbox.command.web.CommandRequests.AssessImpactRequest;
import dev.blackbox.command.web.CommandRequests.ChangeSeverityRequest;
import dev.blackbox.command.web.CommandRequests.CompleteCorrectiveActionRequest;
import dev.blackbox.command.web.CommandRequests.EscalateRequest;
import dev.blackbox.command.web.CommandRequests.IdentifyContributingFactorRequest;
import dev.blackbox.command.web.CommandRequests.IdentifyRootCauseRequest;
import dev.blackbox.command.web.CommandRequests.MitigateRequest;
import dev.blackbox.command.web.CommandRequests.RecordActionRequest;
import dev.blackbox.command.web.CommandRequests.RecordHypothesisRequest;
import dev.blackbox.command.web.CommandRequests.ReopenRequest;
import dev.blackbox.command.web.CommandRequests.ResolveRequest;
import dev.blackbox.command.web.CommandRequests.VerdictRequest;
import dev.blackbox.command.web.CommandRequests.WithdrawContributingFactorRequest;
import dev.blackbox.command.web.CommandRequests.WriteConclusionRequest;
import dev.blackbox.command.web.IncidentCommandSender;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The incident room's forms. Each binds the API's request record, is validated by its constraints and
 * sends its command through the API's {@link IncidentCommandSender}: the same messages, rules and
 * events as the API. A stored command redirects back to the room, read once the read models hold it; a
 * refused one shows the room again with the API's message at the field, and stores nothing.
 */
@Controller
class IncidentForms {

    private static final String ROOM = "/incidents/{incidentId}";

    private final IncidentCommandSender sender;
    private final Rooms rooms;

    IncidentForms(IncidentCommandSender sender, Rooms rooms) {
        this.sender = sender;
        this.rooms = rooms;
    }

    /** An empty field means "not given", as a missing JSON field does in the API. */
    @InitBinder
    void blanksAreMissing(WebDataBinder binder) {
        binder.registerCustomEditor(String.class, new StringTrimmerEditor(true));
    }

    @PostMapping(ROOM + "/acknowledgements")
    String acknowledge(@PathVariable String incidentId, @Valid @ModelAttribute("form") AcknowledgeRequest form,
                       BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("acknowledge", form, binding);
    }

    @PostMapping(ROOM + "/escalations")
    String escalate(@PathVariable String incidentId, @Valid @ModelAttribute("form") EscalateRequest form,
                    BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("escalate", form, binding);
    }

    @PostMapping(ROOM + "/hypotheses")
    String recordHypothesis(@PathVariable String incidentId,
                            @Valid @ModelAttribute("form") RecordHypothesisRequest form,
                            BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("hypothesis", form, binding);
    }

    @PostMapping(ROOM + "/hypotheses/{hypothesisId}/rule-out")
    String ruleOut(@PathVariable String incidentId, @PathVariable String hypothesisId,
                   @Valid @ModelAttribute("form") VerdictRequest form, BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("verdict-" + hypothesisId, form.ruleOut(hypothesisId), binding);
    }

    @PostMapping(ROOM + "/hypotheses/{hypothesisId}/confirm")
    String confirm(@PathVariable String incidentId, @PathVariable String hypothesisId,
                   @Valid @ModelAttribute("form") VerdictRequest form, BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("verdict-" + hypothesisId, form.confirm(hypothesisId), binding);
    }

    @PostMapping(ROOM + "/actions")
    String recordAction(@PathVariable String incidentId, @Valid @ModelAttribute("form") RecordActionRequest form,
                        BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("action", form, binding);
    }

    @PostMapping(ROOM + "/impact")
    String assessImpact(@PathVariable String incidentId, @Valid @ModelAttribute("form") AssessImpactRequest form,
                        BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("impact", form, binding);
    }

    @PostMapping(ROOM + "/severity")
    String changeSeverity(@PathVariable String incidentId, @Valid @ModelAttribute("form") ChangeSeverityRequest form,
                          BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("severity", form, binding);
    }

    @PostMapping(ROOM + "/root-cause")
    String identifyRootCause(@PathVariable String incidentId,
                             @Valid @ModelAttribute("form") IdentifyRootCauseRequest form,
                             BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("root-cause", form, binding);
    }

    @PostMapping(ROOM + "/mitigation")
    String mitigate(@PathVariable String incidentId, @Valid @ModelAttribute("form") MitigateRequest form,
                    BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("mitigate", form, binding);
    }

    @PostMapping(ROOM + "/resolution")
    String resolve(@PathVariable String incidentId, @Valid @ModelAttribute("form") ResolveRequest form,
                   BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("resolve", form, binding);
    }

    @PostMapping(ROOM + "/reopening")
    String reopen(@PathVariable String incidentId, @Valid @ModelAttribute("form") ReopenRequest form,
                  BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("reopen", form, binding);
    }

    @PostMapping(ROOM + "/corrective-actions")
    String addCorrectiveAction(@PathVariable String incidentId,
                               @Valid @ModelAttribute("form") AddCorrectiveActionRequest form,
                               BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("corrective-action", form, binding);
    }

    @PostMapping(ROOM + "/corrective-actions/{correctiveActionId}/completion")
    String completeCorrectiveAction(@PathVariable String incidentId, @PathVariable String correctiveActionId,
                                    @Valid @ModelAttribute("form") CompleteCorrectiveActionRequest form,
                                    BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("complete-" + correctiveActionId, form.complete(correctiveActionId), binding);
    }

    @PostMapping(ROOM + "/contributing-factors")
    String identifyContributingFactor(@PathVariable String incidentId,
                                      @Valid @ModelAttribute("form") IdentifyContributingFactorRequest form,
                                      BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("factor", form, binding);
    }

    @PostMapping(ROOM + "/contributing-factors/{factorId}/withdrawal")
    String withdrawContributingFactor(@PathVariable String incidentId, @PathVariable String factorId,
                                      @Valid @ModelAttribute("form") WithdrawContributingFactorRequest form,
                                      BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("withdraw-" + factorId, form.withdraw(factorId), binding);
    }

    @PostMapping(ROOM + "/notes")
    String addNote(@PathVariable String incidentId, @Valid @ModelAttribute("form") AddNoteRequest form,
                   BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("note", form, binding);
    }

    @PostMapping(ROOM + "/conclusion")
    String writeConclusion(@PathVariable String incidentId, @Valid @ModelAttribute("form") WriteConclusionRequest form,
                           BindingResult binding, @ModelAttribute("sent") Form sent) {
        return sent.send("conclusion", form, binding);
    }

    /** What every form request carries besides its fields: the incident, the sender, the form's key. */
    @ModelAttribute("sent")
    Form form(@PathVariable String incidentId, @RequestParam(name = "key", required = false) String key,
              Principal principal, HttpServletRequest request, HttpServletResponse response, Model model) {
        return new Form(incidentId, key, principal.getName(), request, response, model);
    }

    final class Form {

        private final String incidentId;
        private final String key;
        private final String by;
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final Model model;

        Form(String incidentId, String key, String by, HttpServletRequest request, HttpServletResponse response,
             Model model) {
            this.incidentId = incidentId;
            this.key = key;
            this.by = by;
            this.request = request;
            this.response = response;
            this.model = model;
        }

        String send(String name, CommandRequest form, BindingResult binding) {
            if (binding.hasErrors()) {
                Map<String, String> fields = new LinkedHashMap<>();
                for (FieldError error : binding.getFieldErrors()) {
                    fields.putIfAbsent(error.getField(), error.isBindingFailure()
                            ? "'" + error.getRejectedValue() + "' has the wrong format" : error.getDefaultMessage());
                }
                return refused(HttpStatus.BAD_REQUEST, new FormErrors(name, fields, null, typed()));
            }
            long position;
            try {
                String checkedKey = ClientIds.checkedKey(key);
                position = sender.send(form.command(new CommandRequest.Origin(incidentId, by, checkedKey)), checkedKey);
            } catch (RuleViolation violation) {
                return refused(violation.rule().kind().status(),
                        new FormErrors(name, Map.of(), violation.getMessage(), typed()));
            } catch (AggregateNotFoundException notFound) {
                return refused(HttpStatus.NOT_FOUND, new FormErrors(name, Map.of(), "no incident " + incidentId, typed()));
            } catch (ErrorResponseException refusal) {
                return refused(HttpStatus.valueOf(refusal.getStatusCode().value()),
                        new FormErrors(name, Map.of(), refusal.getBody().getDetail(), typed()));
            }
            // The page read next waits until the read models hold what was just stored, as an API read
            // with minPosition does.
            String wait = "?minPosition=" + position;
            return name.startsWith("complete-") ? "redirect:/incidents/{incidentId}/postmortem" + wait + "#measures"
                    : "redirect:/incidents/{incidentId}" + wait + "#" + anchor(name);
        }

        /** Where the room opens again: at the form that was sent, or at the board for a hypothesis's verdict. */
        private static String anchor(String name) {
            return name.startsWith("verdict-") ? "board" : name;
        }

        private String refused(HttpStatus status, FormErrors errors) {
            response.setStatus(status.value());
            rooms.fill(model, incidentId, null, errors);
            return "room";
        }

        private Map<String, String> typed() {
            Map<String, String> values = new LinkedHashMap<>();
            request.getParameterMap().forEach((field, given) -> values.put(field, given.length > 0 ? given[0] : ""));
            values.remove("_csrf");
            values.remove("key");
            return values;
        }
    }
}
