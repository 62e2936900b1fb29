package io.opsguard.notify.internal;

/**
 * Why a message could not be delivered: a message key of the reason in words
 * ({@code notify.failure.*}), a technical detail (the server's answer, never a secret) and whether
 * trying again could help.
 */
public class DeliveryFailure extends Exception {

	private final String reasonKey;

	private final String detail;

	private final boolean permanent;

	public DeliveryFailure(String reasonKey, String detail, boolean permanent) {
		super(reasonKey + (detail == null ? "" : ": " + detail));
		this.reasonKey = reasonKey;
		this.detail = detail == null ? "" : detail.length() > 900 ? detail.substring(0, 900) : detail;
		this.permanent = permanent;
	}

	public static DeliveryFailure retryable(String reasonKey, String detail) {
		return new DeliveryFailure(reasonKey, detail, false);
	}

	public static DeliveryFailure permanent(String reasonKey, String detail) {
		return new DeliveryFailure(reasonKey, detail, true);
	}

	public String reasonKey() {
		return this.reasonKey;
	}

	public String detail() {
		return this.detail;
	}

	public boolean permanent() {
		return this.permanent;
	}

}
