package io.opsguard.servicedesk;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ApplicationEventMulticaster;

/**
 * Catches the invitations the application announces ({@link SatisfactionInvited},
 * {@link SurveyInvited}) the way the notify module will, so that a test can follow the link a
 * requester would receive. Registered on the running context, so the tests share its application.
 */
final class InvitationInbox implements ApplicationListener<ApplicationEvent>, AutoCloseable {

	final List<SatisfactionInvited> ratings = new CopyOnWriteArrayList<>();

	final List<SurveyInvited> surveys = new CopyOnWriteArrayList<>();

	private final ConfigurableApplicationContext context;

	InvitationInbox(ConfigurableApplicationContext context) {
		this.context = context;
		context.addApplicationListener(this);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof PayloadApplicationEvent<?> payload) {
			if (payload.getPayload() instanceof SatisfactionInvited invited) {
				this.ratings.add(invited);
			}
			else if (payload.getPayload() instanceof SurveyInvited invited) {
				this.surveys.add(invited);
			}
		}
	}

	/** The token of the latest invitation to rate the ticket. */
	String tokenOf(long ticketId) {
		for (int i = this.ratings.size() - 1; i >= 0; i--) {
			if (this.ratings.get(i).ticketId() == ticketId) {
				String link = this.ratings.get(i).link();
				return link.substring(link.lastIndexOf('/') + 1);
			}
		}
		throw new AssertionError("no invitation for ticket " + ticketId);
	}

	@Override
	public void close() {
		this.context.getBean(ApplicationEventMulticaster.class).removeApplicationListener(this);
	}

}
