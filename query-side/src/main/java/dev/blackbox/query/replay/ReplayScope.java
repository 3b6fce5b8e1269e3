package dev.blackbox.query.replay;

import java.lang.reflect.Member;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;

/**
 * Keeps a rebuild to the read models it names: every handler of a {@link ReadModel} class, its reset
 * handler included, ignores the resets and replayed events meant for other read models of the
 * shared processor (see {@link ReadModelProcessor}).
 */
@Component
public class ReplayScope implements HandlerEnhancerDefinition {

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        ReadModel readModel = original.unwrap(Member.class)
                .map(member -> member.getDeclaringClass().getAnnotation(ReadModel.class))
                .orElse(null);
        return readModel == null ? original : new Scoped<>(original, readModel.value());
    }

    private static final class Scoped<T> extends WrappedMessageHandlingMember<T> {

        private final String readModel;

        private Scoped(MessageHandlingMember<T> delegate, String readModel) {
            super(delegate);
            this.readModel = readModel;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            return ReadModelProcessor.passesBy(message, readModel) ? null : super.handle(message, target);
        }
    }
}
