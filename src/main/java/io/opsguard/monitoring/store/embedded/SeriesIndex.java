package io.opsguard.monitoring.store.embedded;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesSelector;

/**
 * The series of the store: id ↔ {@link SeriesKey}, kept in the append-only {@code series.log}
 * (records framed as length, CRC32, id, metric and labels) and in memory with postings (the ids of
 * each metric and of each label value) that answer a {@link SeriesSelector}. A new series' record
 * is forced to disk before any log record refers to it ({@link #makeDurable}).
 */
final class SeriesIndex implements Closeable {

	private final FileChannel file;

	private final Map<SeriesKey, Series> byKey = new ConcurrentHashMap<>();

	private volatile Series[] byId = new Series[1024];

	private int count;

	/** Postings: metric name, or label name NUL value → ids in ascending order. */
	private final Map<String, IntList> postings = new HashMap<>();

	private long written;

	private volatile long forced;

	private final Object forceLock = new Object();

	private SeriesIndex(FileChannel file) {
		this.file = file;
	}

	static SeriesIndex open(Path path) throws IOException {
		FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		SeriesIndex index = new SeriesIndex(file);
		index.load();
		return index;
	}

	private void load() throws IOException {
		long length = this.file.size();
		long position = 0;
		ByteBuffer frame = ByteBuffer.allocate(8);
		while (position + 8 <= length) {
			frame.clear();
			this.file.read(frame, position);
			int size = frame.getInt(0);
			int crc = frame.getInt(4);
			if (size <= 0 || position + 8 + size > length) {
				break;
			}
			ByteBuffer payload = ByteBuffer.allocate(size);
			this.file.read(payload, position + 8);
			CRC32 check = new CRC32();
			check.update(payload.array());
			if ((int) check.getValue() != crc) {
				break;
			}
			DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload.array()));
			int id = in.readInt();
			String metric = in.readUTF();
			int labels = in.readUnsignedShort();
			TreeMap<String, String> map = new TreeMap<>();
			for (int i = 0; i < labels; i++) {
				map.put(in.readUTF(), in.readUTF());
			}
			position += 8 + size;
			register(new Series(id, new SeriesKey(metric, map), position));
		}
		if (position < length) {
			// a torn definition: its series was never used by an acknowledged write
			this.file.truncate(position);
			this.file.force(true);
		}
		this.written = position;
		this.forced = position;
	}

	private void register(Series series) {
		this.byKey.put(series.key, series);
		if (series.id >= this.byId.length) {
			this.byId = Arrays.copyOf(this.byId, Math.max(this.byId.length * 2, series.id + 1));
		}
		this.byId[series.id] = series;
		this.count = Math.max(this.count, series.id + 1);
		posting(series.key.metric()).add(series.id);
		series.key.labels().forEach((name, value) -> posting(name + '\0' + value).add(series.id));
	}

	private IntList posting(String key) {
		return this.postings.computeIfAbsent(key, k -> new IntList());
	}

	Series get(SeriesKey key) {
		return this.byKey.get(key);
	}

	Series get(int id) {
		Series[] all = this.byId;
		return id >= 0 && id < all.length ? all[id] : null;
	}

	/** The series of this key, created (and written, not yet forced) when it is new. */
	synchronized Series getOrCreate(SeriesKey key) {
		Series existing = this.byKey.get(key);
		if (existing != null) {
			return existing;
		}
		try {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			DataOutputStream out = new DataOutputStream(bytes);
			int id = this.count;
			out.writeInt(id);
			out.writeUTF(key.metric());
			out.writeShort(key.labels().size());
			for (Map.Entry<String, String> label : key.labels().entrySet()) {
				out.writeUTF(label.getKey());
				out.writeUTF(label.getValue());
			}
			byte[] payload = bytes.toByteArray();
			CRC32 crc = new CRC32();
			crc.update(payload);
			ByteBuffer frame = ByteBuffer.allocate(8 + payload.length);
			frame.putInt(payload.length).putInt((int) crc.getValue()).put(payload).flip();
			while (frame.hasRemaining()) {
				this.written += this.file.write(frame, this.written);
			}
			Series series = new Series(id, key, this.written);
			register(series);
			return series;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Forces the series file up to the definition at {@code position}, once for every caller waiting. */
	void makeDurable(long position) {
		if (this.forced >= position) {
			return;
		}
		synchronized (this.forceLock) {
			if (this.forced >= position) {
				return;
			}
			long upTo;
			synchronized (this) {
				upTo = this.written;
			}
			try {
				this.file.force(false);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.forced = upTo;
		}
	}

	/** The series a selector matches, sorted by their text form. */
	List<Series> match(SeriesSelector selector) {
		int[] candidates;
		synchronized (this) {
			IntList smallest = this.postings.get(selector.metric());
			if (smallest == null) {
				return List.of();
			}
			for (Map.Entry<String, Set<String>> matcher : selector.labels().entrySet()) {
				if (matcher.getValue().size() == 1) {
					IntList list = this.postings.get(matcher.getKey() + '\0' + matcher.getValue().iterator().next());
					if (list == null) {
						return List.of();
					}
					if (list.size < smallest.size) {
						smallest = list;
					}
				}
			}
			candidates = smallest.toArray();
		}
		List<Series> result = new ArrayList<>();
		for (int id : candidates) {
			Series series = get(id);
			if (series != null && selector.matches(series.key)) {
				result.add(series);
			}
		}
		result.sort(Comparator.comparing(series -> series.text));
		return result;
	}

	/** Every series, by id. */
	Collection<Series> all() {
		Series[] snapshot = this.byId;
		List<Series> result = new ArrayList<>();
		for (Series series : snapshot) {
			if (series != null) {
				result.add(series);
			}
		}
		return result;
	}

	int size() {
		return this.byKey.size();
	}

	@Override
	public void close() throws IOException {
		this.file.close();
	}

	/** A growing list of ints. */
	private static final class IntList {

		private int[] values = new int[4];

		private int size;

		void add(int value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		int[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
