package io.opsguard.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers {@link EarlyPermissionCheck} for the API. */
@Configuration(proxyBeanMethods = false)
class EarlyPermissionCheckConfiguration implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new EarlyPermissionCheck()).addPathPatterns("/api/**");
	}

}
