package io.opsguard.monitoring.template;

/** What kind of value a monitor parameter takes; drives the form field and the validation. */
public enum ParameterType {

	/** A host name, IPv4 or IPv6 address. */
	HOST,
	/** A port, 1–65535. */
	PORT,
	/** Free text. */
	TEXT,
	/** A password, community, key or token: stored encrypted, never returned by the API or logged. */
	SECRET,
	/** A whole number within {@code min}/{@code max}. */
	NUMBER,
	BOOLEAN,
	/** One of {@code options}. */
	CHOICE,
	/** An http(s) URL. */
	URL,
	/** Several texts (process names, keywords). */
	LIST

}
