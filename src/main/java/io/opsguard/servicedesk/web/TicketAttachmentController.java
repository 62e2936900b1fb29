package io.opsguard.servicedesk.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.internal.AttachmentError;
import io.opsguard.servicedesk.internal.AttachmentRow;
import io.opsguard.servicedesk.internal.TicketAttachments;
import io.opsguard.shared.Downloads;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files attached to tickets (ADR 0012): size- and type-checked by their bytes, kept under the data
 * directory, scoped like their tickets.
 */
@RestController
@Tag(name = "ticket attachments",
		description = "Files attached to tickets and their comments: images, PDF, text, Office documents and archives, "
				+ "told by their bytes; executables, scripts, HTML and SVG are refused. Scoped like the tickets.")
class TicketAttachmentController {

	private final TicketAttachments attachments;

	private final Users users;

	private final Problems problems;

	TicketAttachmentController(TicketAttachments attachments, Users users, Problems problems) {
		this.attachments = attachments;
		this.users = users;
		this.problems = problems;
	}

	@PostMapping("/api/v1/tickets/{id}/attachments")
	@PreAuthorize("hasAnyAuthority('servicedesk:ticket:handle', 'servicedesk:ticket:create')")
	@Operation(summary = "Attach a file to a ticket",
			description = "The multipart part `file`, optionally for one of the ticket's comments (`commentId`). The kind "
					+ "of file is told by its bytes, never by its name or declared type: images (png, jpeg, gif, webp), pdf, "
					+ "text (.txt, .log, .csv), Office (docx, xlsx, pptx, doc, xls) and archives (zip, 7z, rar); anything "
					+ "else (executables, scripts, HTML, SVG) answers 400 `SD-0202`. Larger than the limit "
					+ "(`opsguard.servicedesk.attachments.max-size`, 20 MB by default): 413 `SD-0201`. Nothing is kept of "
					+ "a refused file. Audited.")
	@ErrorResponses(value = { "SD-0001", "SD-0201", "SD-0202", "SD-0203", "SD-0204", "SD-0205", "SD-0207" })
	ResponseEntity<AttachmentView> upload(@PathVariable long id, @RequestPart(name = "file", required = false) MultipartFile file,
			@RequestParam(required = false) Long commentId) throws IOException {
		if (file == null) {
			throw OpsGuardException.onField("file", AttachmentError.FILE_REQUIRED);
		}
		CurrentUser user = CurrentUsers.require();
		AttachmentRow row;
		try (InputStream in = file.getInputStream()) {
			row = this.attachments.upload(user, id, commentId, file.getOriginalFilename(), in);
		}
		return ResponseEntity.created(URI.create("/api/v1/attachments/" + row.id() + "/content"))
			.body(views(List.of(row)).get(0));
	}

	@GetMapping("/api/v1/tickets/{id}/attachments")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's attachments",
			description = "Oldest first, with size, SHA-256, who uploaded each when (or `source` EMAIL: kept from an e-mail), "
					+ "and the comment it belongs to.")
	@ErrorResponses({ "SD-0001" })
	List<AttachmentView> list(@PathVariable long id) {
		return views(this.attachments.list(CurrentUsers.require(), id));
	}

	@GetMapping("/api/v1/attachments/{id}/content")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Download an attachment",
			description = "The file as stored, with its detected type, `X-Content-Type-Options: nosniff` and its name in "
					+ "`Content-Disposition` (RFC 5987 UTF-8). `inline=true` shows an image in the browser; every other "
					+ "kind is always a download.")
	@ErrorResponses({ "SD-0200" })
	ResponseEntity<Resource> content(@PathVariable long id, @RequestParam(required = false) Boolean inline) {
		TicketAttachments.Content content = this.attachments.open(CurrentUsers.require(), id);
		AttachmentRow row = content.attachment();
		String disposition = Downloads.attachment(row.fileName());
		if (Boolean.TRUE.equals(inline) && row.image()) {
			disposition = "inline" + disposition.substring("attachment".length());
		}
		return ResponseEntity.ok()
			.contentType(MediaType.parseMediaType(row.contentType()))
			.contentLength(row.size())
			.header(HttpHeaders.CONTENT_DISPOSITION, disposition)
			.header("X-Content-Type-Options", "nosniff")
			.header("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox")
			.cacheControl(CacheControl.noCache().cachePrivate())
			.body(new FileSystemResource(content.file()));
	}

	@DeleteMapping("/api/v1/attachments/{id}")
	@PreAuthorize("hasAnyAuthority('servicedesk:ticket:handle', 'servicedesk:ticket:create')")
	@Operation(summary = "Remove an attachment",
			description = "By its uploader, or by whoever handles tickets (otherwise 403 `SD-0206`). Audited.")
	@ErrorResponses({ "SD-0200", "SD-0206" })
	ResponseEntity<Void> delete(@PathVariable long id) {
		this.attachments.delete(CurrentUsers.require(), id);
		return ResponseEntity.noContent().build();
	}

	/** The container stopped reading an upload past its limit: the product's own answer, with the limit. */
	@ExceptionHandler(MaxUploadSizeExceededException.class)
	ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException ex, HttpServletRequest request) {
		ProblemDetail problem = this.problems.of(
				OpsGuardException.onField("file", AttachmentError.TOO_LARGE, "", this.attachments.limitText()),
				LocaleContextHolder.getLocale());
		problem.setInstance(URI.create(request.getRequestURI()));
		problem.setProperty("maxSize", this.attachments.maxSize());
		return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private List<AttachmentView> views(List<AttachmentRow> rows) {
		Map<Long, String> names = this.users.displayNames(
				rows.stream().map(AttachmentRow::uploadedBy).filter(Objects::nonNull).distinct().toList());
		return rows.stream()
			.map(a -> new AttachmentView(a.id(), a.ticketId(), a.commentId(), a.fileName(), a.contentType(), a.size(),
					a.sha256(), a.source(), a.uploadedBy() == null ? null : new TicketViews.Ref(a.uploadedBy(), names.get(a.uploadedBy())),
					a.uploadedAt(), a.image(), "/api/v1/attachments/" + a.id() + "/content"))
			.toList();
	}

	/**
	 * An attachment: {@code contentType} as its bytes told, {@code image} when a browser may show it
	 * ({@code contentUrl}{@code ?inline=true}), {@code uploadedBy} null when it came by e-mail.
	 */
	record AttachmentView(long id, long ticketId, Long commentId, String fileName, String contentType, long size,
			String sha256, String source, TicketViews.Ref uploadedBy, Instant uploadedAt, boolean image, String contentUrl) {
	}

}
