package io.opsguard.monitoring.collect.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts every server and remembers the chain it presented: used for internal sites with
 * self-signed certificates ({@code verifyTls=false}), and to read the certificate of a server
 * whose verified handshake failed (an expired certificate still tells how many days ago it ended).
 * As an {@link X509ExtendedTrustManager} it also skips the host name check, which JSSE delegates
 * to such a trust manager.
 */
public final class RecordingTrustManager extends X509ExtendedTrustManager {

	private final AtomicReference<X509Certificate[]> chain = new AtomicReference<>();

	/** A TLS context that trusts every server through this manager. */
	public SSLContext context() {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { this }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("No TLS in this JVM", ex);
		}
	}

	/** The chain the last server presented, leaf first, or null. */
	public X509Certificate[] chain() {
		return this.chain.get();
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) {
		this.chain.set(chain);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
		this.chain.set(chain);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		this.chain.set(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) {
		throw new UnsupportedOperationException("a probe is no server");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
		throw new UnsupportedOperationException("a probe is no server");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
		throw new UnsupportedOperationException("a probe is no server");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return new X509Certificate[0];
	}

}
