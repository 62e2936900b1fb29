package io.opsguard.servicedesk.internal;

import java.time.Instant;
import java.util.List;

import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicelevel.TicketType;

/**
 * A ticket as stored ({@code sd_ticket}), edited by the service under its rules and written back
 * with optimistic locking ({@code version}).
 */
public final class TicketRow {

	public Long id;

	public String number;

	public TicketType type;

	public TicketState state;

	public TicketChannel channel;

	public String title;

	public String description;

	public Long requesterId;

	public String contactName;

	public String contactPhone;

	public String contactUnit;

	/** The address of a contact who wrote in by e-mail. */
	public String contactEmail;

	public long organisationId;

	public Long businessSystemId;

	public String category;

	public int faultLevel;

	public boolean onSiteRequired;

	public Long groupId;

	public Long assigneeId;

	public String solution;

	public String cause;

	public String resolutionCategory;

	public Integer rating;

	public String ratingComment;

	public Instant reportedAt;

	public Instant createdAt;

	public Long createdBy;

	public Instant updatedAt;

	public Instant resolvedAt;

	public Instant closedAt;

	public Instant dueAt;

	public boolean breached;

	public int version;

	/** The CIs concerned (sd_ticket_ci). */
	public List<Long> ciIds = List.of();

}
