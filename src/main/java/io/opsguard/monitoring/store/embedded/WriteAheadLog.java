package io.opsguard.monitoring.store.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * The write-ahead log: numbered segment files ({@code wal/<number>.wal}) of records framed as
 * length, CRC32 and payload. {@link #append} returns once its record is forced to disk; appenders
 * that arrive while a force is running queue up and the next force takes them all (group commit),
 * so concurrent batches share one {@code fsync}. A torn record at the end of the last segment (a
 * crash mid-write) is cut off on replay; such a record was never acknowledged.
 */
final class WriteAheadLog implements Closeable {

	/** Reads one replayed record and answers the newest timestamp in it. */
	interface Replay {

		long record(ByteBuffer payload);

	}

	private record Segment(long number, long maxTimestamp) {
	}

	private final Path directory;

	private final long segmentBytes;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition done = this.lock.newCondition();

	private List<ByteBuffer> pending = new ArrayList<>();

	private long pendingMaxTimestamp = Long.MIN_VALUE;

	private long enqueued;

	private long durable;

	private boolean flushing;

	private IOException failure;

	private FileChannel channel;

	private long number;

	private long size;

	private long maxTimestamp = Long.MIN_VALUE;

	private final List<Segment> closed = new ArrayList<>();

	private long forces;

	private long records;

	WriteAheadLog(Path directory, long segmentBytes) throws IOException {
		this.directory = directory;
		this.segmentBytes = segmentBytes;
		Files.createDirectories(directory);
	}

	/** Replays every segment in order, then opens a new segment for appending. */
	void open(Replay replay) throws IOException {
		List<Long> numbers = segmentNumbers();
		for (long segment : numbers) {
			long newest = replaySegment(segment, replay);
			this.closed.add(new Segment(segment, newest));
		}
		this.number = numbers.isEmpty() ? 1 : numbers.get(numbers.size() - 1) + 1;
		openSegment();
	}

	private List<Long> segmentNumbers() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> name.matches("\\d{12}\\.wal"))
				.map(name -> Long.parseLong(name.substring(0, 12)))
				.sorted()
				.toList();
		}
	}

	private Path path(long segment) {
		return this.directory.resolve(String.format("%012d.wal", segment));
	}

	private long replaySegment(long segment, Replay replay) throws IOException {
		long newest = Long.MIN_VALUE;
		try (FileChannel file = FileChannel.open(path(segment), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			long length = file.size();
			ByteBuffer frame = ByteBuffer.allocate(8);
			long position = 0;
			while (position + 8 <= length) {
				frame.clear();
				file.read(frame, position);
				int payloadLength = frame.getInt(0);
				int crc = frame.getInt(4);
				if (payloadLength <= 0 || position + 8 + payloadLength > length) {
					break;
				}
				ByteBuffer payload = ByteBuffer.allocate(payloadLength);
				while (payload.hasRemaining()) {
					if (file.read(payload, position + 8 + payload.position()) < 0) {
						break;
					}
				}
				CRC32 check = new CRC32();
				check.update(payload.array());
				if ((int) check.getValue() != crc) {
					break;
				}
				payload.flip();
				newest = Math.max(newest, replay.record(payload));
				position += 8 + payloadLength;
			}
			if (position < length) {
				// a torn tail: never acknowledged, cut off so that later segments follow whole records
				file.truncate(position);
				file.force(true);
			}
		}
		return newest;
	}

	private void openSegment() throws IOException {
		this.channel = FileChannel.open(path(this.number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.APPEND);
		this.size = this.channel.size();
		this.maxTimestamp = Long.MIN_VALUE;
		Storage.forceDirectory(this.directory);
	}

	/**
	 * Appends a record and returns when it is on disk.
	 * @param payload the record
	 * @param newest the newest sample timestamp in it (decides when the segment may be deleted)
	 */
	void append(byte[] payload, long newest) throws IOException {
		CRC32 crc = new CRC32();
		crc.update(payload);
		ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
		frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
		this.lock.lock();
		try {
			if (this.failure != null) {
				throw new IOException("The write-ahead log failed earlier", this.failure);
			}
			this.pending.add(frame);
			this.pendingMaxTimestamp = Math.max(this.pendingMaxTimestamp, newest);
			long mine = ++this.enqueued;
			while (this.durable < mine) {
				if (this.failure != null) {
					throw new IOException("The write-ahead log failed", this.failure);
				}
				if (!this.flushing) {
					flushAsLeader();
				}
				else {
					this.done.awaitUninterruptibly();
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Called holding the lock; writes and forces everything queued, releasing the lock meanwhile. */
	private void flushAsLeader() {
		List<ByteBuffer> batch = this.pending;
		long batchNewest = this.pendingMaxTimestamp;
		long upTo = this.enqueued;
		this.pending = new ArrayList<>();
		this.pendingMaxTimestamp = Long.MIN_VALUE;
		this.flushing = true;
		this.lock.unlock();
		IOException failed = null;
		try {
			ByteBuffer[] buffers = batch.toArray(ByteBuffer[]::new);
			long written = 0;
			long total = 0;
			for (ByteBuffer buffer : buffers) {
				total += buffer.remaining();
			}
			while (written < total) {
				written += this.channel.write(buffers);
			}
			this.channel.force(false);
			this.size += total;
			this.maxTimestamp = Math.max(this.maxTimestamp, batchNewest);
			if (this.size >= this.segmentBytes) {
				rotateHoldingFlush();
			}
		}
		catch (IOException ex) {
			failed = ex;
		}
		finally {
			this.lock.lock();
		}
		this.flushing = false;
		if (failed != null) {
			this.failure = failed;
		}
		else {
			this.durable = upTo;
			this.forces++;
			this.records += batch.size();
		}
		this.done.signalAll();
	}

	private void rotateHoldingFlush() throws IOException {
		this.channel.close();
		this.closed.add(new Segment(this.number, this.maxTimestamp));
		this.number++;
		openSegment();
	}

	/**
	 * Starts a new segment; call only while no append is under way (the store's write lock).
	 * @return the number of the new segment: every earlier record is in a lower one
	 */
	long rotate() throws IOException {
		this.lock.lock();
		try {
			if (this.size > 0) {
				rotateHoldingFlush();
			}
			return this.number;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Deletes the segments below {@code before} whose samples are all at or before {@code sealed}:
	 * they are in chunk files now.
	 */
	void truncate(long before, long sealed) {
		this.lock.lock();
		try {
			List<Segment> kept = new ArrayList<>();
			for (Segment segment : this.closed) {
				if (segment.number() < before && segment.maxTimestamp() <= sealed) {
					try {
						Files.deleteIfExists(path(segment.number()));
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				}
				else {
					kept.add(segment);
				}
			}
			this.closed.clear();
			this.closed.addAll(kept);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Forces so far, and records written: their ratio is how many batches share an fsync. */
	long[] counters() {
		this.lock.lock();
		try {
			return new long[] { this.forces, this.records };
		}
		finally {
			this.lock.unlock();
		}
	}

	long segments() {
		this.lock.lock();
		try {
			return this.closed.size() + 1;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void close() throws IOException {
		this.lock.lock();
		try {
			if (this.channel != null) {
				this.channel.close();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

}
