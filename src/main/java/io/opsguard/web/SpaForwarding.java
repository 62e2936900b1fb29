package io.opsguard.web;

import java.io.IOException;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the single-page UI: static files as they are, and index.html for the UI's own routes
 * (e.g. {@code /identity/users}), i.e. any path without a file extension outside {@code /api}
 * and {@code /actuator}. Unknown API paths stay 404 problems.
 */
@Configuration(proxyBeanMethods = false)
class SpaForwarding implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/**")
			.addResourceLocations("classpath:/static/")
			.resourceChain(true)
			.addResolver(new PathResourceResolver() {
				@Override
				protected Resource getResource(String resourcePath, Resource location) throws IOException {
					Resource requested = location.createRelative(resourcePath);
					if (requested.exists() && requested.isReadable()) {
						return requested;
					}
					boolean route = !resourcePath.startsWith("api/") && !resourcePath.startsWith("actuator/")
							&& !resourcePath.equals("api") && !resourcePath.substring(resourcePath.lastIndexOf('/') + 1).contains(".");
					if (route) {
						Resource index = new ClassPathResource("/static/index.html");
						return index.exists() ? index : null;
					}
					return null;
				}
			});
	}

}
