package io.opsguard.monitoring.store.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The hourly rollups of one day partition ({@code rollup/<day>.rlp}), kept past the raw retention:
 * fixed records of {@value #RECORD} bytes sorted by series and hour (series, hour 1–24 of the day
 * whose end the bucket {@code (end - 1 h, end]} has, count, min, max, sum, last), preceded by the
 * series id of every {@value #SPARSE}th record, so that one series' day is found with one small read. The header names the compacted chunk
 * file the rollups were built from.
 */
final class RollupFile {

	private static final int MAGIC = 0x4F475231; // OGR1

	private static final int HEADER = 4 + 8 + 4;

	static final int RECORD = 4 + 4 + 8 + 8 * 4;

	/** Every this many records the header lists the series id, so that one read finds a series. */
	private static final int SPARSE = 128;

	private static final java.util.Map<Path, Sparse> SPARSE_CACHE = new java.util.concurrent.ConcurrentHashMap<>();

	private RollupFile() {
	}

	/** One hour of one series. */
	record Rollup(int seriesId, int hour, long count, double min, double max, double sum, double last) {
	}

	static void write(Path file, long sourceSeq, List<Rollup> rollups) throws IOException {
		Files.createDirectories(file.getParent());
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		int sparse = (rollups.size() + SPARSE - 1) / SPARSE;
		ByteBuffer buffer = ByteBuffer.allocate(HEADER + 4 * sparse + rollups.size() * RECORD + 4);
		buffer.putInt(MAGIC).putLong(sourceSeq).putInt(rollups.size());
		for (int i = 0; i < sparse; i++) {
			buffer.putInt(rollups.get(i * SPARSE).seriesId());
		}
		int recordsAt = buffer.position();
		for (Rollup rollup : rollups) {
			buffer.putInt(rollup.seriesId()).putInt(rollup.hour()).putLong(rollup.count()).putDouble(rollup.min())
				.putDouble(rollup.max()).putDouble(rollup.sum()).putDouble(rollup.last());
		}
		CRC32 crc = new CRC32();
		crc.update(buffer.array(), recordsAt, rollups.size() * RECORD);
		buffer.putInt((int) crc.getValue());
		buffer.flip();
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Storage.forceDirectory(file.getParent());
		SPARSE_CACHE.remove(file);
	}

	/** The chunk file the rollups were built from, or -1 when the file is missing or unreadable. */
	static long sourceSeq(Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer header = ByteBuffer.allocate(HEADER);
			channel.read(header, 0);
			header.flip();
			if (header.remaining() < HEADER || header.getInt() != MAGIC) {
				return -1;
			}
			return header.getLong();
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/** How many rollup records the file holds (0 when unreadable). */
	static long count(Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer header = ByteBuffer.allocate(HEADER);
			channel.read(header, 0);
			return header.remaining() == 0 && header.getInt(0) == MAGIC ? header.getInt(12) : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	/** The series id of every {@value #SPARSE}th record and the record count, read once per file. */
	private record Sparse(int count, int[] ids) {
	}

	private static Sparse sparse(FileChannel channel, Path file) throws IOException {
		Sparse cached = SPARSE_CACHE.get(file);
		if (cached != null) {
			return cached;
		}
		ByteBuffer header = ByteBuffer.allocate(HEADER);
		readFully(channel, header, 0);
		header.flip();
		if (header.getInt() != MAGIC) {
			throw new IOException("Not a rollup file: " + file);
		}
		header.getLong();
		int count = header.getInt();
		if (count < 0 || (long) count * RECORD > channel.size()) {
			throw new IOException("Corrupt rollup file: " + file);
		}
		int sparseCount = (count + SPARSE - 1) / SPARSE;
		ByteBuffer ids = ByteBuffer.allocate(4 * sparseCount);
		readFully(channel, ids, HEADER);
		ids.flip();
		int[] sparse = new int[sparseCount];
		for (int i = 0; i < sparseCount; i++) {
			sparse[i] = ids.getInt();
		}
		Sparse loaded = new Sparse(count, sparse);
		if (SPARSE_CACHE.size() > 4096) {
			SPARSE_CACHE.clear();
		}
		SPARSE_CACHE.put(file, loaded);
		return loaded;
	}

	/** One series' rollups of the day, by hour; empty when the file is missing. */
	static List<Rollup> read(Path file, int seriesId) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			Sparse sparse = sparse(channel, file);
			int block = 0;
			int low = 0;
			int high = sparse.ids().length;
			while (low < high) {
				int middle = (low + high) >>> 1;
				if (sparse.ids()[middle] < seriesId) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			block = Math.max(0, low - 1);
			int first = block * SPARSE;
			int available = Math.min(sparse.count() - first, 2 * SPARSE + 24);
			List<Rollup> result = new ArrayList<>(24);
			if (available <= 0) {
				return result;
			}
			ByteBuffer records = ByteBuffer.allocate(available * RECORD);
			readFully(channel, records, HEADER + 4L * sparse.ids().length + (long) first * RECORD);
			records.flip();
			for (int i = 0; i < available; i++) {
				int id = records.getInt();
				if (id > seriesId) {
					break;
				}
				Rollup rollup = new Rollup(id, records.getInt(), records.getLong(), records.getDouble(), records.getDouble(),
						records.getDouble(), records.getDouble());
				if (id == seriesId) {
					result.add(rollup);
				}
			}
			return result;
		}
		catch (NoSuchFileException ex) {
			return List.of();
		}
	}

	private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
		while (buffer.hasRemaining()) {
			int read = channel.read(buffer, position);
			if (read < 0) {
				throw new IOException("Unexpected end of rollup file");
			}
			position += read;
		}
	}

}
