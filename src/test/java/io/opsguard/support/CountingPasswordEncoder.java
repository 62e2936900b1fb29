package io.opsguard.support;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wraps the application's password encoder and counts how often a password is checked against a
 * hash, so that tests can prove a code path performs the (slow) check without timing it.
 */
public final class CountingPasswordEncoder implements PasswordEncoder {

	private static final AtomicLong CHECKS = new AtomicLong();

	private final PasswordEncoder delegate;

	CountingPasswordEncoder(PasswordEncoder delegate) {
		this.delegate = delegate;
	}

	/** How many checks every counting encoder of this JVM has performed so far. */
	public static long checks() {
		return CHECKS.get();
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		CHECKS.incrementAndGet();
		return this.delegate.matches(rawPassword, encodedPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.delegate.upgradeEncoding(encodedPassword);
	}

	/** Puts the counting encoder around the application's. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Installer {

		@Bean
		static BeanPostProcessor countingPasswordEncoder() {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					return bean instanceof PasswordEncoder encoder && !(bean instanceof CountingPasswordEncoder)
							? new CountingPasswordEncoder(encoder) : bean;
				}
			};
		}

	}

}
