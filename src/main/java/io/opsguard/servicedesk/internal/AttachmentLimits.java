package io.opsguard.servicedesk.internal;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The container's multipart limits must let an attachment of the largest allowed size through, or
 * an upload the product accepts would be cut off by the container: checked at start, refusing to
 * start with the properties to set.
 */
@Component
class AttachmentLimits implements InitializingBean {

	private final Environment environment;

	private final AttachmentProperties properties;

	AttachmentLimits(Environment environment, AttachmentProperties properties) {
		this.environment = environment;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		Binder binder = Binder.get(this.environment);
		DataSize file = binder.bind("spring.servlet.multipart.max-file-size", DataSize.class).orElse(DataSize.ofMegabytes(1));
		DataSize request = binder.bind("spring.servlet.multipart.max-request-size", DataSize.class)
			.orElse(DataSize.ofMegabytes(10));
		long max = this.properties.maxSize().toBytes();
		if (file.toBytes() >= 0 && file.toBytes() < max || request.toBytes() >= 0 && request.toBytes() < max) {
			throw new IllegalStateException("opsguard.servicedesk.attachments.max-size (" + this.properties.maxSize()
					+ ") is larger than spring.servlet.multipart.max-file-size (" + file + ") or max-request-size ("
					+ request + "): raise those to at least the attachment limit (the request a little more)");
		}
	}

}
