package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Links between tickets (关联工单): related tickets, a duplicate and its original, parent and child
 * tickets, incidents caused by another ticket, and a complaint and the ticket it is about. Each link
 * is stored once in {@code sd_ticket_link} as "ticket_id &lt;kind&gt; other_id" and read from both
 * sides, each side seeing the {@link Role} the other ticket plays for it. Complaint links are made
 * by the portal ({@link PortalService#complain}) and never by hand. Both tickets must be in the
 * caller's scope; every link made or removed is audited and written into both tickets' history.
 */
@Service
public class TicketLinks {

	/** How far up a chain of parents the cycle check looks (a chain is short in practice). */
	static final int MAX_DEPTH = 1_000;

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final TicketStore store;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	TicketLinks(JdbcClient jdbc, TicketService tickets, TicketStore store, Users users, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.store = store;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/** The links of a ticket the user may read, from its point of view; linked tickets outside their scope are left out. */
	@Transactional(readOnly = true)
	public List<Link> list(CurrentUser user, long ticketId) {
		this.tickets.get(user, ticketId);
		List<Link> links = links(ticketId).stream().filter(link -> user.scope().includes(link.organisationId())).toList();
		Map<Long, String> names = this.users
			.displayNames(links.stream().map(Link::createdBy).filter(java.util.Objects::nonNull).distinct().toList());
		return links.stream().map(link -> link.createdBy() == null ? link : link.named(names.get(link.createdBy()))).toList();
	}

	/**
	 * Links the ticket to another, named by {@code otherId} or by {@code otherNumber}, as
	 * {@code kind} says from this ticket's side: RELATED, DUPLICATE (this ticket duplicates the
	 * other), PARENT (this ticket is the other's parent), CHILD (this ticket is the other's child) or
	 * CAUSED_BY (this ticket was caused by the other). Answers the ticket's links.
	 */
	@Transactional
	public List<Link> add(CurrentUser user, long ticketId, NewLink input) {
		TicketRow ticket = this.tickets.get(user, ticketId);
		String kindText = input.kind() == null ? "" : input.kind().strip().toUpperCase(Locale.ROOT);
		Kind kind = creatable(kindText);
		String field = input.otherId() != null ? "otherId" : "otherNumber";
		TicketRow other = other(user, input, field);
		if (other.id == ticket.id) {
			throw OpsGuardException.onField(field, ServiceDeskError.LINK_TO_ITSELF);
		}
		// stored once: "from <kind> to"
		boolean child = kindText.equals("CHILD");
		long from = child ? other.id : ticket.id;
		long to = child ? ticket.id : other.id;
		if (kind == Kind.RELATED) {
			from = Math.min(ticket.id, other.id);
			to = Math.max(ticket.id, other.id);
		}
		// one change of links between the same tickets at a time
		this.store.lock(Math.min(ticket.id, other.id));
		this.store.lock(Math.max(ticket.id, other.id));
		if (stored(from, to, kind) || kind != Kind.PARENT && stored(to, from, kind)) {
			throw OpsGuardException.onField(field, ServiceDeskError.LINK_EXISTS, other.number, kindWord(kind));
		}
		if (kind == Kind.PARENT) {
			refuseCycle(from, to, field);
			Long parent = parentOf(to);
			if (parent != null) {
				throw OpsGuardException.onField(field, ServiceDeskError.SECOND_PARENT, numberOf(to), numberOf(parent));
			}
		}
		Instant now = this.clock.instant();
		this.jdbc.sql("""
				insert into sd_ticket_link (ticket_id, other_id, kind, created_at, created_by)
				values (:from, :to, :kind, :now, :user)""")
			.param("from", from)
			.param("to", to)
			.param("kind", kind.name())
			.param("now", ts(now))
			.param("user", user.id())
			.update();
		remember(user, "LINK", from, to, kind, now);
		this.audit.record("TICKET_LINKED", "ticket", ticket.id, ticket.number + " " + kindText + " " + other.number, true);
		return list(user, ticketId);
	}

	/**
	 * Removes the link of a kind between the ticket and another, whichever way it was made (CHILD
	 * names a PARENT link too). Complaint links stay. Answers the ticket's links.
	 */
	@Transactional
	public List<Link> remove(CurrentUser user, long ticketId, long otherId, String kindText) {
		TicketRow ticket = this.tickets.get(user, ticketId);
		String text = kindText == null ? "" : kindText.strip().toUpperCase(Locale.ROOT);
		Kind kind = creatable(text);
		TicketRow other = this.tickets.get(user, otherId);
		this.store.lock(Math.min(ticket.id, other.id));
		this.store.lock(Math.max(ticket.id, other.id));
		long from;
		long to;
		if (stored(ticket.id, other.id, kind)) {
			from = ticket.id;
			to = other.id;
		}
		else if (stored(other.id, ticket.id, kind)) {
			from = other.id;
			to = ticket.id;
		}
		else {
			throw new OpsGuardException(ServiceDeskError.UNKNOWN_LINK, other.number, kindWord(kind));
		}
		this.jdbc.sql("delete from sd_ticket_link where ticket_id = :from and other_id = :to and kind = :kind")
			.param("from", from)
			.param("to", to)
			.param("kind", kind.name())
			.update();
		remember(user, "UNLINK", from, to, kind, this.clock.instant());
		this.audit.record("TICKET_UNLINKED", "ticket", ticket.id, ticket.number + " " + kind.name() + " " + other.number, true);
		return list(user, ticketId);
	}

	// ---- rules ------------------------------------------------------------------------------

	/** A kind one may link by hand (CHILD is a PARENT link the other way round); a field error otherwise. */
	private static Kind creatable(String text) {
		if (text.isEmpty()) {
			throw OpsGuardException.onField("kind", ServiceDeskError.LINK_KIND_INVALID, text);
		}
		if (text.equals(Kind.COMPLAINT.name())) {
			throw OpsGuardException.onField("kind", ServiceDeskError.LINK_COMPLAINT_BY_HAND);
		}
		return switch (text) {
			case "RELATED" -> Kind.RELATED;
			case "DUPLICATE" -> Kind.DUPLICATE;
			case "PARENT", "CHILD" -> Kind.PARENT;
			case "CAUSED_BY" -> Kind.CAUSED_BY;
			default -> throw OpsGuardException.onField("kind", ServiceDeskError.LINK_KIND_INVALID,
					text.length() > 30 ? text.substring(0, 30) + "…" : text);
		};
	}

	private TicketRow other(CurrentUser user, NewLink input, String field) {
		Optional<TicketRow> found;
		String named;
		if (input.otherId() != null) {
			named = String.valueOf(input.otherId());
			found = this.store.find(input.otherId());
		}
		else {
			named = input.otherNumber() == null ? "" : input.otherNumber().strip();
			if (named.isEmpty()) {
				throw OpsGuardException.onField(field, ServiceDeskError.LINK_OTHER_REQUIRED);
			}
			if (named.length() > 30) {
				named = named.substring(0, 30) + "…";
				found = Optional.empty();
			}
			else {
				found = this.store.findByNumber(named.toUpperCase(Locale.ROOT));
			}
		}
		String shown = named;
		return found.filter(t -> user.scope().includes(t.organisationId))
			.orElseThrow(() -> OpsGuardException.onField(field, ServiceDeskError.LINK_OTHER_UNKNOWN, shown));
	}

	/** Making {@code parent} the parent of {@code child} must not make {@code child} its own ancestor. */
	private void refuseCycle(long parent, long child, String field) {
		Long above = parent;
		for (int depth = 0; above != null && depth < MAX_DEPTH; depth++) {
			if (above == child) {
				throw OpsGuardException.onField(field, ServiceDeskError.LINK_CYCLE, numberOf(child), numberOf(parent));
			}
			above = parentOf(above);
		}
	}

	private Long parentOf(long ticketId) {
		return this.jdbc.sql("select ticket_id from sd_ticket_link where other_id = :id and kind = 'PARENT'")
			.param("id", ticketId)
			.query(Long.class)
			.list()
			.stream()
			.findFirst()
			.orElse(null);
	}

	private boolean stored(long from, long to, Kind kind) {
		return this.jdbc.sql("select count(*) from sd_ticket_link where ticket_id = :from and other_id = :to and kind = :kind")
			.param("from", from)
			.param("to", to)
			.param("kind", kind.name())
			.query(Long.class)
			.single() > 0;
	}

	private String numberOf(long ticketId) {
		return this.store.find(ticketId).map(t -> t.number).orElse(String.valueOf(ticketId));
	}

	/** An entry in both tickets' history: "linked GZ-… as its child", each from its own side. */
	private void remember(CurrentUser user, String action, long from, long to, Kind kind, Instant at) {
		TicketRow a = this.store.find(from).orElseThrow();
		TicketRow b = this.store.find(to).orElseThrow();
		String key = action.equals("LINK") ? "ticket.history.linked" : "ticket.history.unlinked";
		this.store.insertEvent(a.id, at, user.id(), action, a.state, a.state, null, key,
				Role.of(kind, Direction.OUTGOING).name() + "," + b.number);
		this.store.insertEvent(b.id, at, user.id(), action, b.state, b.state, null, key,
				Role.of(kind, Direction.INCOMING).name() + "," + a.number);
	}

	private static DefaultMessageSourceResolvable kindWord(Kind kind) {
		return new DefaultMessageSourceResolvable(new String[] { "ticket.link.kind." + kind.name() }, kind.name());
	}

	/** Every link of a ticket, both ways, with the other ticket's number, title, state, type and organisation. */
	List<Link> links(long ticketId) {
		List<Link> links = new ArrayList<>();
		for (Direction direction : Direction.values()) {
			String self = direction == Direction.OUTGOING ? "ticket_id" : "other_id";
			String far = direction == Direction.OUTGOING ? "other_id" : "ticket_id";
			this.jdbc.sql("select t.id, t.number, t.title, t.state, t.type, t.organisation_id, l.kind, l.created_at, l.created_by"
					+ " from sd_ticket_link l join sd_ticket t on t.id = l." + far + " where l." + self + " = :id")
				.param("id", ticketId)
				.query(rs -> {
					Kind kind = Kind.valueOf(rs.getString("kind"));
					links.add(new Link(rs.getLong("id"), rs.getString("number"), rs.getString("title"),
							TicketState.valueOf(rs.getString("state")), TicketType.valueOf(rs.getString("type")),
							rs.getLong("organisation_id"), kind, direction, Role.of(kind, direction), kind != Kind.COMPLAINT,
							instant(rs, "created_at"), nullableLong(rs, "created_by"), null));
				});
		}
		links.sort(java.util.Comparator.comparing((Link l) -> l.role().ordinal()).thenComparing(Link::number));
		return links;
	}

	// ---- vocabulary -------------------------------------------------------------------------

	/** What a link says, as stored: "ticket_id &lt;kind&gt; other_id". */
	public enum Kind {

		/** Related tickets (symmetric). */
		RELATED,
		/** The ticket duplicates the other, the original. */
		DUPLICATE,
		/** The ticket is the parent of the other. */
		PARENT,
		/** The ticket was caused by the other. */
		CAUSED_BY,
		/** The ticket is a complaint about the other (made by the portal only). */
		COMPLAINT

	}

	/** Which side of a stored link a ticket is on: OUTGOING as ticket_id, INCOMING as other_id. */
	public enum Direction {

		OUTGOING, INCOMING

	}

	/** The part the other ticket plays for this one: what the ticket page groups its links by. */
	public enum Role {

		PARENT, CHILD, ORIGINAL, DUPLICATE, CAUSE, EFFECT, RELATED, COMPLAINED_TICKET, COMPLAINT;

		static Role of(Kind kind, Direction direction) {
			boolean outgoing = direction == Direction.OUTGOING;
			return switch (kind) {
				case RELATED -> RELATED;
				case DUPLICATE -> outgoing ? ORIGINAL : DUPLICATE;
				case PARENT -> outgoing ? CHILD : PARENT;
				case CAUSED_BY -> outgoing ? CAUSE : EFFECT;
				case COMPLAINT -> outgoing ? COMPLAINED_TICKET : COMPLAINT;
			};
		}

	}

	/** A link to make: the other ticket by id or by number, and the kind from this ticket's side. */
	public record NewLink(Long otherId, String otherNumber, String kind) {
	}

	/**
	 * A link seen from one ticket: the other ticket ({@code otherId} …), the stored {@code kind} and
	 * {@code direction}, the {@code role} the other ticket plays, whether it may be removed by hand,
	 * and who made it when.
	 */
	public record Link(long otherId, String number, String title, TicketState state, TicketType type, long organisationId,
			Kind kind, Direction direction, Role role, boolean removable, Instant createdAt, Long createdBy,
			String createdByName) {

		Link named(String name) {
			return new Link(this.otherId, this.number, this.title, this.state, this.type, this.organisationId, this.kind,
					this.direction, this.role, this.removable, this.createdAt, this.createdBy, name);
		}

	}

}
