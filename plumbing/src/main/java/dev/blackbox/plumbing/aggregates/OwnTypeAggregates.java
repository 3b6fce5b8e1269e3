package dev.blackbox.plumbing.aggregates;

import org.axonframework.spring.stereotype.Aggregate;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Gives every {@code @Aggregate} an {@link OwnTypeAggregateFactory}, present ones and any added
 * later. Axon's Spring support uses a bean named {@code <aggregate>AggregateFactory} when one is
 * defined, and defines its own otherwise; this runs before it does.
 */
final class OwnTypeAggregates implements BeanDefinitionRegistryPostProcessor {

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        for (String name : registry.getBeanDefinitionNames()) {
            BeanDefinition definition = registry.getBeanDefinition(name);
            String className = definition.getBeanClassName();
            if (className == null || !ClassUtils.isPresent(className, classLoader)) {
                continue;
            }
            Class<?> type = ClassUtils.resolveClassName(className, classLoader);
            String factoryName = StringUtils.uncapitalize(type.getSimpleName()) + "AggregateFactory";
            if (type.isAnnotationPresent(Aggregate.class) && !registry.containsBeanDefinition(factoryName)) {
                registry.registerBeanDefinition(factoryName, BeanDefinitionBuilder
                        .genericBeanDefinition(OwnTypeAggregateFactory.class)
                        .addConstructorArgValue(type)
                        .getBeanDefinition());
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        // Everything happens while the definitions are registered.
    }
}
