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
 * whose end the bucket {@code (end - 1 h, end]} has, count, min, max, sum, last), so that one series'
 * day is found by a binary search without reading the file. The header names the compacted chunk
 * file the rollups were built from.
 */
final class RollupFile {

	private static final int MAGIC = 0x4F475231; // OGR1

	private static final int HEADER = 4 + 8 + 4;

	static final int RECORD = 4 + 4 + 8 + 8 * 4;

	private RollupFile() {
	}

	/** One hour of one series. */
	record Rollup(int seriesId, int hour, long count, double min, double max, double sum, double last) {
	}

	static void write(Path file, long sourceSeq, List<Rollup> rollups) throws IOException {
		Files.createDirectories(file.getParent());
		Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
		ByteBuffer buffer = ByteBuffer.allocate(HEADER + rollups.size() * RECORD + 4);
		buffer.putInt(MAGIC).putLong(sourceSeq).putInt(rollups.size());
		for (Rollup rollup : rollups) {
			buffer.putInt(rollup.seriesId()).putInt(rollup.hour()).putLong(rollup.count()).putDouble(rollup.min())
				.putDouble(rollup.max()).putDouble(rollup.sum()).putDouble(rollup.last());
		}
		CRC32 crc = new CRC32();
		crc.update(buffer.array(), HEADER, rollups.size() * RECORD);
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

	/** One series' rollups of the day, by hour; empty when the file is missing. */
	static List<Rollup> read(Path file, int seriesId) throws IOException {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
			ByteBuffer header = ByteBuffer.allocate(HEADER);
			readFully(channel, header, 0);
			header.flip();
			if (header.getInt() != MAGIC) {
				throw new IOException("Not a rollup file: " + file);
			}
			header.getLong();
			int count = header.getInt();
			int low = 0;
			int high = count;
			ByteBuffer id = ByteBuffer.allocate(4);
			while (low < high) {
				int middle = (low + high) >>> 1;
				id.clear();
				readFully(channel, id, HEADER + (long) middle * RECORD);
				if (id.getInt(0) < seriesId) {
					low = middle + 1;
				}
				else {
					high = middle;
				}
			}
			int available = Math.min(24, count - low);
			List<Rollup> result = new ArrayList<>(available);
			if (available <= 0) {
				return result;
			}
			ByteBuffer records = ByteBuffer.allocate(available * RECORD);
			readFully(channel, records, HEADER + (long) low * RECORD);
			records.flip();
			for (int i = 0; i < available; i++) {
				Rollup rollup = new Rollup(records.getInt(), records.getInt(), records.getLong(), records.getDouble(),
						records.getDouble(), records.getDouble(), records.getDouble());
				if (rollup.seriesId() != seriesId) {
					break;
				}
				result.add(rollup);
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
