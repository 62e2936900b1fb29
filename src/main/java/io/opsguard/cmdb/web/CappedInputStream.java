package io.opsguard.cmdb.web;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads at most a number of bytes, and fails with {@link TooLarge} when there are more. */
final class CappedInputStream extends FilterInputStream {

	private final long cap;

	private long read;

	CappedInputStream(InputStream in, long cap) {
		super(in);
		this.cap = cap;
	}

	@Override
	public int read() throws IOException {
		int b = super.read();
		if (b >= 0) {
			count(1);
		}
		return b;
	}

	@Override
	public int read(byte[] b, int off, int len) throws IOException {
		int n = super.read(b, off, len);
		if (n > 0) {
			count(n);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		long skipped = super.skip(n);
		count(skipped);
		return skipped;
	}

	private void count(long n) throws TooLarge {
		this.read += n;
		if (this.read > this.cap) {
			throw new TooLarge(this.cap);
		}
	}

	/** The stream had more than the cap. */
	static final class TooLarge extends IOException {

		TooLarge(long cap) {
			super("more than " + cap + " bytes");
		}

	}

}
