package dev.blackbox.ui;

import java.util.Map;

/**
 * Why a form's command was refused, to show at the form: the API's message for each bad field, or
 * the rule the incident refused it by. Nothing was stored.
 *
 * @param form   which of the page's forms was sent
 * @param fields the message per field name, as the API's problem document lists them
 * @param detail a refusal that is not about one field, else null
 * @param values what was typed, so the form shows it again
 */
public record FormErrors(String form, Map<String, String> fields, String detail, Map<String, String> values) {

    static final FormErrors NONE = new FormErrors("", Map.of(), null, Map.of());

    /** The message for {@code field} of form {@code name}, or null. */
    public String at(String name, String field) {
        return form.equals(name) ? fields.get(field) : null;
    }

    /** What was typed into {@code field} of form {@code name}, or empty. */
    public String value(String name, String field) {
        return form.equals(name) ? values.getOrDefault(field, "") : "";
    }

    public boolean refused(String name) {
        return form.equals(name) && detail != null;
    }
}
