package org.recourse.intake.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Pages and answers that show a receipt code or a report's status are never stored by
 * browsers or proxies, so the next person at a shared computer cannot go back to them.
 */
@Configuration(proxyBeanMethods = false)
class ReporterPagesNotCached implements WebMvcConfigurer {

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {
			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				response.setHeader("Cache-Control", "no-store");
				return true;
			}
		}).addPathPatterns("/reports/**", "/status/**", "/status", "/api/v1/reports/**", "/api/v1/reports");
	}

}
