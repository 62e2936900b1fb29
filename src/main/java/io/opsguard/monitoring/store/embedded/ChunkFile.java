package io.opsguard.monitoring.store.embedded;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.ref.SoftReference;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.zip.CRC32;

/**
 * One file of sealed chunks in a day partition: {@code s-<seq>.chk} written by a seal (one chunk
 * per series and hour, so each chunk's statistics are that hour's rollup) or {@code c-<seq>.chk}
 * written by compacting a finished day (one chunk per series for the day, listing the files it
 * replaced). Layout: header (magic, seq, sources), chunk bytes, an index sorted by series and
 * time (one {@value #ENTRY} byte entry per chunk: series, first and last timestamp, count, offset,
 * length, CRC, min, max, sum, last), a footer (index offset, samples, index CRC, magic).
 */
final class ChunkFile {

	private static final int MAGIC = 0x4F474331; // OGC1

	static final int ENTRY = 4 + 8 + 8 + 4 + 8 + 4 + 4 + 8 * 4;

	private static final int FOOTER = 8 + 8 + 4 + 4;

	final Path path;

	final long seq;

	final boolean compacted;

	final long[] sources;

	final long samples;

	final long bytes;

	private final long indexOffset;

	private volatile SoftReference<Index> index = new SoftReference<>(null);

	private ChunkFile(Path path, long seq, boolean compacted, long[] sources, long samples, long bytes,
			long indexOffset) {
		this.path = path;
		this.seq = seq;
		this.compacted = compacted;
		this.sources = sources;
		this.samples = samples;
		this.bytes = bytes;
		this.indexOffset = indexOffset;
	}

	static String name(long seq, boolean compacted) {
		return String.format("%s-%012d.chk", compacted ? "c" : "s", seq);
	}

	/** One chunk to write: a series' samples, sorted and without repeated timestamps. */
	record Chunk(int seriesId, long[] timestamps, double[] values, int from, int to) {

		int count() {
			return this.to - this.from;
		}

	}

	/** The chunks' statistics, as read from the index. */
	record Entry(int seriesId, long minT, long maxT, int count, long offset, int length, int crc, double min, double max,
			double sum, double last) {
	}

	/**
	 * Writes the chunks (sorted by series, then time; each non-empty) durably and atomically, one at
	 * a time as the iterator produces them; answers the file.
	 */
	static ChunkFile write(Path directory, long seq, boolean compacted, long[] sources, Iterator<Chunk> chunks)
			throws IOException {
		Files.createDirectories(directory);
		Path target = directory.resolve(name(seq, compacted));
		Path temporary = directory.resolve(target.getFileName() + ".tmp");
		ByteArrayOutputStream indexBytes = new ByteArrayOutputStream();
		DataOutputStream index = new DataOutputStream(indexBytes);
		int entries = 0;
		long samples = 0;
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			ByteBuffer header = ByteBuffer.allocate(4 + 8 + 1 + 4 + 8 * sources.length);
			header.putInt(MAGIC).putLong(seq).put((byte) (compacted ? 1 : 0)).putInt(sources.length);
			for (long source : sources) {
				header.putLong(source);
			}
			long position = writeFully(channel, header.flip(), 0);
			while (chunks.hasNext()) {
				Chunk chunk = chunks.next();
				int count = chunk.count();
				long[] ts = Arrays.copyOfRange(chunk.timestamps(), chunk.from(), chunk.to());
				double[] vs = Arrays.copyOfRange(chunk.values(), chunk.from(), chunk.to());
				byte[] encoded = ChunkCodec.encode(ts, vs, count);
				CRC32 crc = new CRC32();
				crc.update(encoded);
				double min = Double.POSITIVE_INFINITY;
				double max = Double.NEGATIVE_INFINITY;
				double sum = 0;
				for (double value : vs) {
					min = Math.min(min, value);
					max = Math.max(max, value);
					sum += value;
				}
				index.writeInt(chunk.seriesId());
				index.writeLong(ts[0]);
				index.writeLong(ts[count - 1]);
				index.writeInt(count);
				index.writeLong(position);
				index.writeInt(encoded.length);
				index.writeInt((int) crc.getValue());
				index.writeDouble(min);
				index.writeDouble(max);
				index.writeDouble(sum);
				index.writeDouble(vs[count - 1]);
				entries++;
				position = writeFully(channel, ByteBuffer.wrap(encoded), position);
				samples += count;
			}
			long indexOffset = position;
			ByteBuffer indexBuffer = ByteBuffer.allocate(4 + indexBytes.size());
			indexBuffer.putInt(entries).put(indexBytes.toByteArray()).flip();
			CRC32 indexCrc = new CRC32();
			indexCrc.update(indexBuffer.duplicate());
			position = writeFully(channel, indexBuffer, position);
			ByteBuffer footer = ByteBuffer.allocate(FOOTER);
			footer.putLong(indexOffset).putLong(samples).putInt((int) indexCrc.getValue()).putInt(MAGIC);
			writeFully(channel, footer.flip(), position);
			channel.force(true);
		}
		Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
		Storage.forceDirectory(directory);
		return open(target);
	}

	private static long writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			position += channel.write(buffer, position);
		}
		return position;
	}

	/** Reads a file's header and footer; its index is read when first needed. */
	static ChunkFile open(Path path) throws IOException {
		try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
			long size = channel.size();
			ByteBuffer header = ByteBuffer.allocate(17);
			readFully(channel, header, 0);
			header.flip();
			if (size < 17 + FOOTER || header.getInt() != MAGIC) {
				throw new IOException("Not a chunk file: " + path);
			}
			long seq = header.getLong();
			boolean compacted = header.get() == 1;
			int sourceCount = header.getInt();
			if (sourceCount < 0 || sourceCount > 100_000) {
				throw new IOException("Corrupt chunk file header: " + path);
			}
			ByteBuffer sourceBuffer = ByteBuffer.allocate(8 * sourceCount);
			readFully(channel, sourceBuffer, 17);
			sourceBuffer.flip();
			long[] sources = new long[sourceCount];
			for (int i = 0; i < sourceCount; i++) {
				sources[i] = sourceBuffer.getLong();
			}
			ByteBuffer footer = ByteBuffer.allocate(FOOTER);
			readFully(channel, footer, size - FOOTER);
			footer.flip();
			long indexOffset = footer.getLong();
			long samples = footer.getLong();
			footer.getInt();
			if (footer.getInt() != MAGIC || indexOffset < 0 || indexOffset > size - FOOTER) {
				throw new IOException("Corrupt chunk file footer: " + path);
			}
			return new ChunkFile(path, seq, compacted, sources, samples, size, indexOffset);
		}
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, position);
			if (read < 0) {
				throw new IOException("Unexpected end of file");
			}
			position += read;
		}
	}

	/** The index, read once and kept while memory allows. */
	Index index() throws IOException {
		Index loaded = this.index.get();
		if (loaded != null) {
			return loaded;
		}
		synchronized (this) {
			loaded = this.index.get();
			if (loaded == null) {
				loaded = readIndex();
				this.index = new SoftReference<>(loaded);
			}
			return loaded;
		}
	}

	private Index readIndex() throws IOException {
		try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ)) {
			long length = this.bytes - FOOTER - this.indexOffset;
			ByteBuffer buffer = ByteBuffer.allocate((int) length);
			readFully(channel, buffer, this.indexOffset);
			buffer.flip();
			ByteBuffer footer = ByteBuffer.allocate(FOOTER);
			readFully(channel, footer, this.bytes - FOOTER);
			int expected = footer.getInt(16);
			CRC32 crc = new CRC32();
			crc.update(buffer.duplicate());
			if ((int) crc.getValue() != expected) {
				throw new IOException("Corrupt chunk index (CRC): " + this.path);
			}
			int count = buffer.getInt();
			Entry[] entries = new Entry[count];
			int[] ids = new int[count];
			for (int i = 0; i < count; i++) {
				entries[i] = new Entry(buffer.getInt(), buffer.getLong(), buffer.getLong(), buffer.getInt(), buffer.getLong(),
						buffer.getInt(), buffer.getInt(), buffer.getDouble(), buffer.getDouble(), buffer.getDouble(),
						buffer.getDouble());
				ids[i] = entries[i].seriesId();
			}
			return new Index(ids, entries);
		}
	}

	/** Reads and checks one chunk's samples. */
	ChunkCodec.Decoded read(Entry entry) throws IOException {
		try (FileChannel channel = FileChannel.open(this.path, StandardOpenOption.READ)) {
			return read(channel, entry);
		}
	}

	ChunkCodec.Decoded read(FileChannel channel, Entry entry) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(entry.length());
		readFully(channel, buffer, entry.offset());
		CRC32 crc = new CRC32();
		crc.update(buffer.array());
		if ((int) crc.getValue() != entry.crc()) {
			throw new IOException("Corrupt chunk (CRC) in " + this.path);
		}
		return ChunkCodec.decode(buffer.array());
	}

	FileChannel openChannel() throws IOException {
		return FileChannel.open(this.path, StandardOpenOption.READ);
	}

	/** A file's index: entries sorted by series id, then time. */
	record Index(int[] ids, Entry[] entries) {

		/** The entries of one series, in time order. */
		List<Entry> of(int seriesId) {
			int at = Arrays.binarySearch(this.ids, seriesId);
			if (at < 0) {
				return List.of();
			}
			while (at > 0 && this.ids[at - 1] == seriesId) {
				at--;
			}
			List<Entry> result = new ArrayList<>(2);
			for (int i = at; i < this.ids.length && this.ids[i] == seriesId; i++) {
				result.add(this.entries[i]);
			}
			return result;
		}

	}

}
