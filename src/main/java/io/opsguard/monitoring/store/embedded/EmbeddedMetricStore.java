package io.opsguard.monitoring.store.embedded;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;

import io.opsguard.monitoring.store.AppendResult;
import io.opsguard.monitoring.store.LatestValue;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.Rejection;
import io.opsguard.monitoring.store.Sample;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.monitoring.store.SeriesPoints;
import io.opsguard.monitoring.store.SeriesPoints.Resolution;
import io.opsguard.monitoring.store.SeriesSelector;
import io.opsguard.monitoring.store.StoreStatus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded metric store (ADR 0016), in one directory:
 * <ul>
 * <li>{@code series.log} — the series ({@link SeriesIndex});</li>
 * <li>{@code wal/} — the write-ahead log ({@link WriteAheadLog}): {@link #append} returns once the
 * batch is forced there, with group commit;</li>
 * <li>the head — each series' unsealed samples in memory, rebuilt from the log on open;</li>
 * <li>{@code raw/<yyyy-MM-dd>/} — day partitions (UTC; a partition holds {@code (midnight, next
 * midnight]}) of Gorilla-compressed chunk files ({@link ChunkFile}): every hour the samples older
 * than {@code seal-delay} are sealed into one chunk per series and hour; a finished day is compacted
 * into one chunk per series;</li>
 * <li>{@code rollup/<yyyy-MM-dd>.rlp} — hourly min, max, sum, count and last per series
 * ({@link RollupFile}), written when a day is compacted and kept longer than the raw data;</li>
 * <li>{@code seal.state} — the last seal: the newest sealed timestamp of each series. A sealed
 * series refuses samples at or before it ({@code OUT_OF_ORDER}); log records up to it are skipped on
 * replay and the log's segments before the seal are deleted.</li>
 * </ul>
 * Retention drops whole partitions. Buckets of a step {@code s} are {@code (t - s, t]} with
 * {@code t} a multiple of {@code s}, hours included.
 * <p>
 * Thread-safe: appends and queries share a read lock; a seal, a compaction or the retention take
 * the write lock only to swap files in and out.
 */
public final class EmbeddedMetricStore implements MetricStore, Closeable {

	public static final String KIND = "embedded";

	static final long HOUR = 3_600_000L;

	static final long DAY = 86_400_000L;

	/** How far ahead of the store's clock a sample may be. */
	public static final Duration FUTURE_SKEW = Rejection.FUTURE_SKEW;

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedMetricStore.class);

	private static final int STATE_MAGIC = 0x4F475331;

	/** How the store is set up. */
	public record Settings(Path directory, Duration rawRetention, Duration rollupRetention, Duration sealDelay,
			long walSegmentBytes, Duration maintenanceInterval) {

		public static Settings of(Path directory) {
			return new Settings(directory, Duration.ofDays(93), Duration.ofDays(400), Duration.ofMinutes(15),
					64L * 1024 * 1024, Duration.ofMinutes(1));
		}

		public Settings withRawRetention(Duration value) {
			return new Settings(this.directory, value, this.rollupRetention, this.sealDelay, this.walSegmentBytes,
					this.maintenanceInterval);
		}

		public Settings withRollupRetention(Duration value) {
			return new Settings(this.directory, this.rawRetention, value, this.sealDelay, this.walSegmentBytes,
					this.maintenanceInterval);
		}

		public Settings withMaintenanceInterval(Duration value) {
			return new Settings(this.directory, this.rawRetention, this.rollupRetention, this.sealDelay,
					this.walSegmentBytes, value);
		}

		public Settings withWalSegmentBytes(long value) {
			return new Settings(this.directory, this.rawRetention, this.rollupRetention, this.sealDelay, value,
					this.maintenanceInterval);
		}

	}

	private final Settings settings;

	private final Clock clock;

	private final Path directory;

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	private final Object maintenanceLock = new Object();

	private final SeriesIndex index;

	private final WriteAheadLog wal;

	/** Day partitions by epoch day: their chunk files by seq (replaced whole under the write lock). */
	private volatile NavigableMap<Long, List<ChunkFile>> partitions = new TreeMap<>();

	private long seq;

	private volatile String problem;

	private final ScheduledExecutorService maintenance;

	private volatile boolean closed;

	private final FileChannel lockFile;

	private EmbeddedMetricStore(Settings settings, Clock clock) throws IOException {
		this.settings = settings;
		this.clock = clock;
		this.directory = settings.directory();
		Files.createDirectories(this.directory);
		this.lockFile = FileChannel.open(this.directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		try {
			if (this.lockFile.tryLock() == null) {
				this.lockFile.close();
				throw new IOException("Another process has the metric store open");
			}
		}
		catch (java.nio.channels.OverlappingFileLockException ex) {
			this.lockFile.close();
			throw new IOException("This process has the metric store open already", ex);
		}
		Files.createDirectories(this.directory.resolve("raw"));
		Files.createDirectories(this.directory.resolve("rollup"));
		this.index = SeriesIndex.open(this.directory.resolve("series.log"));
		this.seq = readState();
		loadPartitions();
		initialiseLatest();
		this.wal = new WriteAheadLog(this.directory.resolve("wal"), settings.walSegmentBytes());
		this.wal.open(this::replay);
		if (settings.maintenanceInterval() != null && !settings.maintenanceInterval().isZero()) {
			this.maintenance = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "metric-store-maintenance");
				thread.setDaemon(true);
				return thread;
			});
			long every = settings.maintenanceInterval().toMillis();
			this.maintenance.scheduleWithFixedDelay(this::maintainQuietly, every, every, TimeUnit.MILLISECONDS);
		}
		else {
			this.maintenance = null;
		}
	}

	/** Opens (or creates) the store in {@code settings.directory()}, replaying its write-ahead log. */
	public static EmbeddedMetricStore open(Settings settings, Clock clock) {
		try {
			return new EmbeddedMetricStore(settings, clock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the metric store in " + settings.directory(), ex);
		}
	}

	@Override
	public String kind() {
		return KIND;
	}

	// ---------------------------------------------------------------- append

	@Override
	public AppendResult append(List<Sample> samples) {
		long now = this.clock.millis();
		List<Rejection> rejected = new ArrayList<>();
		this.lock.readLock().lock();
		try {
			ensureOpen();
			int size = samples.size();
			Series[] resolved = new Series[size];
			long durableUpTo = 0;
			int accepted = 0;
			long newest = Long.MIN_VALUE;
			for (int i = 0; i < size; i++) {
				Sample sample = samples.get(i);
				Rejection.Reason reason = Rejection.check(sample, now, this.settings.rawRetention());
				Series series = null;
				if (reason == null) {
					series = this.index.get(sample.series());
					if (series == null) {
						reason = sample.series().problem();
						if (reason == null) {
							series = this.index.getOrCreate(sample.series());
						}
					}
				}
				if (reason == null && sample.timestamp() <= series.sealedMax) {
					reason = Rejection.Reason.OUT_OF_ORDER;
				}
				if (reason != null) {
					rejected.add(new Rejection(i, reason));
					continue;
				}
				resolved[i] = series;
				durableUpTo = Math.max(durableUpTo, series.written);
				newest = Math.max(newest, sample.timestamp());
				accepted++;
			}
			if (accepted == 0) {
				return new AppendResult(0, rejected);
			}
			this.index.makeDurable(durableUpTo);
			ByteBuffer payload = ByteBuffer.allocate(4 + accepted * 20);
			payload.putInt(accepted);
			for (int i = 0; i < size; i++) {
				if (resolved[i] != null) {
					Sample sample = samples.get(i);
					payload.putInt(resolved[i].id).putLong(sample.timestamp())
						.putLong(Double.doubleToRawLongBits(sample.value()));
				}
			}
			this.wal.append(payload.array(), newest);
			for (int i = 0; i < size; i++) {
				if (resolved[i] != null) {
					resolved[i].insert(samples.get(i).timestamp(), samples.get(i).value());
				}
			}
			return new AppendResult(accepted, rejected);
		}
		catch (IOException ex) {
			this.problem = "write-ahead log: " + ex.getMessage();
			throw new UncheckedIOException(ex);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	private long replay(ByteBuffer payload) {
		int count = payload.getInt();
		long newest = Long.MIN_VALUE;
		for (int i = 0; i < count; i++) {
			Series series = this.index.get(payload.getInt());
			long timestamp = payload.getLong();
			double value = Double.longBitsToDouble(payload.getLong());
			newest = Math.max(newest, timestamp);
			if (series != null && timestamp > series.sealedMax) {
				series.insert(timestamp, value);
			}
		}
		return newest;
	}

	private void ensureOpen() {
		if (this.closed) {
			throw new IllegalStateException("The metric store is closed");
		}
	}

	// ---------------------------------------------------------------- queries

	@Override
	public List<SeriesKey> find(SeriesSelector selector, int limit) {
		return this.index.match(selector).stream().limit(Math.max(0, limit)).map(series -> series.key).toList();
	}

	@Override
	public List<SeriesPoints> range(SeriesSelector selector, Instant from, Instant to, Duration step) {
		long start = from.toEpochMilli();
		long end = to.toEpochMilli();
		long stepMillis = step == null ? 0 : step.toMillis();
		boolean old = start < this.clock.millis() - this.settings.rawRetention().toMillis();
		List<SeriesPoints> result = new ArrayList<>();
		this.lock.readLock().lock();
		try {
			ensureOpen();
			for (Series series : this.index.match(selector)) {
				SeriesPoints points;
				if (stepMillis >= HOUR || old) {
					long hourly = Math.max(HOUR, stepMillis);
					points = fromRollups(series, start, end, hourly);
				}
				else if (stepMillis > 0) {
					points = downsample(series, start, end, stepMillis);
				}
				else {
					Series.Points raw = raw(series, start, end);
					points = new SeriesPoints(series.key, Resolution.RAW, raw.timestamps(), raw.values(), null, null);
				}
				if (points.size() > 0) {
					result.add(points);
				}
			}
			return result;
		}
		catch (IOException ex) {
			this.problem = "read: " + ex.getMessage();
			throw new UncheckedIOException(ex);
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** The samples of a series in {@code [from, to]}, from the chunk files and the head. */
	Series.Points raw(Series series, long from, long to) throws IOException {
		LongDoubles points = new LongDoubles();
		if (from <= to) {
			for (List<ChunkFile> files : this.partitions.subMap(dayOf(from), true, dayOf(to), true).values()) {
				for (ChunkFile file : files) {
					List<ChunkFile.Entry> entries = file.index().of(series.id);
					if (entries.isEmpty()) {
						continue;
					}
					try (FileChannel channel = file.openChannel()) {
						for (ChunkFile.Entry entry : entries) {
							if (entry.maxT() < from || entry.minT() > to) {
								continue;
							}
							ChunkCodec.Decoded chunk = file.read(channel, entry);
							for (int i = 0; i < chunk.size(); i++) {
								long t = chunk.timestamps()[i];
								if (t >= from && t <= to) {
									points.add(t, chunk.values()[i]);
								}
							}
						}
					}
				}
			}
			Series.Points head = series.head(from, to);
			for (int i = 0; i < head.size(); i++) {
				points.add(head.timestamps()[i], head.values()[i]);
			}
		}
		return points.sortedUnique();
	}

	private SeriesPoints downsample(Series series, long from, long to, long step) throws IOException {
		long first = Math.floorDiv(from + step - 1, step) * step;
		long last = Math.floorDiv(to, step) * step;
		Series.Points raw = raw(series, first - step + 1, last);
		Aggregates buckets = new Aggregates();
		for (int i = 0; i < raw.size(); i++) {
			long t = raw.timestamps()[i];
			double v = raw.values()[i];
			buckets.add(bucketEnd(t, step), 1, v, v, v, v);
		}
		return buckets.points(series.key, Resolution.STEP);
	}

	private SeriesPoints fromRollups(Series series, long from, long to, long step) throws IOException {
		long first = Math.floorDiv(from + step - 1, step) * step;
		long last = Math.floorDiv(to, step) * step;
		if (first > last) {
			return new SeriesPoints(series.key, Resolution.HOURLY, new long[0], new double[0], new double[0], new double[0]);
		}
		// the hours whose buckets (h - 1 h, h] lie in (first - step, last]
		long firstHour = bucketEnd(first - step + 1, HOUR);
		Aggregates hours = hourly(series, firstHour, last);
		Aggregates buckets = new Aggregates();
		hours.forEach((hour, aggregate) -> buckets.add(bucketEnd(hour, step), aggregate.count, aggregate.min, aggregate.max,
				aggregate.sum, aggregate.last));
		return buckets.points(series.key, Resolution.HOURLY);
	}

	/** The hourly aggregates of a series for the hours ending in {@code [firstHour, lastHour]}. */
	Aggregates hourly(Series series, long firstHour, long lastHour) throws IOException {
		Aggregates hours = new Aggregates();
		for (long day = dayOf(firstHour); day <= dayOf(lastHour); day++) {
			List<ChunkFile> files = this.partitions.get(day);
			long compactedSeq = -1;
			if (files != null) {
				for (ChunkFile file : files) {
					if (file.compacted) {
						compactedSeq = file.seq;
					}
				}
			}
			if (files == null || compactedSeq >= 0) {
				long dayStart = day * DAY;
				for (RollupFile.Rollup rollup : RollupFile.read(rollupPath(day), series.id)) {
					long hour = dayStart + rollup.hour() * HOUR;
					if (hour >= firstHour && hour <= lastHour) {
						hours.add(hour, rollup.count(), rollup.min(), rollup.max(), rollup.sum(), rollup.last());
					}
				}
			}
			if (files != null) {
				for (ChunkFile file : files) {
					if (file.compacted) {
						continue;
					}
					for (ChunkFile.Entry entry : file.index().of(series.id)) {
						long hour = bucketEnd(entry.minT(), HOUR);
						if (hour >= firstHour && hour <= lastHour) {
							hours.add(hour, entry.count(), entry.min(), entry.max(), entry.sum(), entry.last());
						}
					}
				}
			}
		}
		Series.Points head = series.head(firstHour - HOUR + 1, lastHour);
		for (int i = 0; i < head.size(); i++) {
			double v = head.values()[i];
			hours.add(bucketEnd(head.timestamps()[i], HOUR), 1, v, v, v, v);
		}
		return hours;
	}

	@Override
	public List<LatestValue> latest(SeriesSelector selector, Duration lookback) {
		long since = this.clock.millis() - lookback.toMillis();
		List<LatestValue> result = new ArrayList<>();
		for (Series series : this.index.match(selector)) {
			double[] latest = series.latest();
			if (latest != null && (long) latest[0] >= since) {
				result.add(new LatestValue(series.key, (long) latest[0], latest[1]));
			}
		}
		return result;
	}

	@Override
	public List<LatestValue> top(SeriesSelector selector, int n, boolean highest, Duration lookback) {
		List<LatestValue> values = new ArrayList<>(latest(selector, lookback));
		Comparator<LatestValue> byValue = Comparator.comparingDouble(LatestValue::value);
		values.sort((highest ? byValue.reversed() : byValue).thenComparing(value -> value.series().toString()));
		return List.copyOf(values.subList(0, Math.min(Math.max(0, n), values.size())));
	}

	@Override
	public StoreStatus status() {
		this.lock.readLock().lock();
		try {
			long samples = 0;
			List<StoreStatus.Partition> list = new ArrayList<>();
			for (Map.Entry<Long, List<ChunkFile>> partition : this.partitions.entrySet()) {
				long count = 0;
				long bytes = 0;
				for (ChunkFile file : partition.getValue()) {
					count += file.samples;
					bytes += file.bytes;
				}
				samples += count;
				list.add(new StoreStatus.Partition(LocalDate.ofEpochDay(partition.getKey()), false, count, bytes));
			}
			for (long day : rollupDays()) {
				Path file = rollupPath(day);
				long bytes = Files.exists(file) ? Files.size(file) : 0;
				list.add(new StoreStatus.Partition(LocalDate.ofEpochDay(day), true,
						RollupFile.count(file), bytes));
			}
			long newest = Long.MIN_VALUE;
			for (Series series : this.index.all()) {
				samples += series.headSize();
				newest = Math.max(newest, series.lastTimestamp());
			}
			Instant oldest = oldestSample();
			long disk = Storage.size(this.directory);
			list.sort(Comparator.comparing(StoreStatus.Partition::day).thenComparing(StoreStatus.Partition::rollup));
			return new StoreStatus(KIND, this.problem == null, this.problem, this.index.size(), samples, disk,
					samples == 0 ? -1 : (double) disk / samples, oldest,
					newest == Long.MIN_VALUE ? null : Instant.ofEpochMilli(newest), list);
		}
		catch (IOException ex) {
			return new StoreStatus(KIND, false, "status: " + ex.getMessage(), this.index.size(), 0, -1, -1, null, null,
					List.of());
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Raw bytes per sample of the sealed chunk files alone (the compression ratio). */
	public double chunkBytesPerSample() {
		long samples = 0;
		long bytes = 0;
		for (List<ChunkFile> files : this.partitions.values()) {
			for (ChunkFile file : files) {
				samples += file.samples;
				bytes += file.bytes;
			}
		}
		return samples == 0 ? -1 : (double) bytes / samples;
	}

	/** How many batches the write-ahead log wrote per fsync so far (group commit). */
	public double batchesPerFsync() {
		long[] counters = this.wal.counters();
		return counters[0] == 0 ? 0 : (double) counters[1] / counters[0];
	}

	private Instant oldestSample() throws IOException {
		Map.Entry<Long, List<ChunkFile>> first = this.partitions.firstEntry();
		long oldest = Long.MAX_VALUE;
		if (first != null) {
			for (ChunkFile file : first.getValue()) {
				for (ChunkFile.Entry entry : file.index().entries()) {
					oldest = Math.min(oldest, entry.minT());
				}
			}
		}
		if (oldest == Long.MAX_VALUE) {
			for (Series series : this.index.all()) {
				Series.Points head = series.head(Long.MIN_VALUE, Long.MAX_VALUE);
				if (head.size() > 0) {
					oldest = Math.min(oldest, head.timestamps()[0]);
				}
			}
		}
		return oldest == Long.MAX_VALUE ? null : Instant.ofEpochMilli(oldest);
	}

	// ---------------------------------------------------------------- maintenance

	private void maintainQuietly() {
		try {
			maintain();
		}
		catch (RuntimeException ex) {
			this.problem = "maintenance: " + ex.getMessage();
			logger.error("Metric store maintenance failed", ex);
		}
	}

	/**
	 * Seals the head up to the last full hour before {@code seal-delay}, compacts finished days into
	 * one chunk per series with their hourly rollups, applies the retention, and deletes the log
	 * segments whose samples are sealed. Runs every {@code maintenance-interval}; tests call it
	 * after moving the clock.
	 */
	public void maintain() {
		synchronized (this.maintenanceLock) {
			if (this.closed) {
				return;
			}
			try {
				long now = this.clock.millis();
				seal(Math.floorDiv(now - this.settings.sealDelay().toMillis(), HOUR) * HOUR);
				compact();
				applyRetention(now);
				this.problem = null;
			}
			catch (IOException ex) {
				this.problem = "maintenance: " + ex.getMessage();
				throw new UncheckedIOException(ex);
			}
		}
	}

	/** Seals every head sample at or before {@code boundary}. */
	void seal(long boundary) throws IOException {
		long segment;
		Map<Series, Series.Points> sealed = new TreeMap<>(Comparator.comparingInt(series -> series.id));
		this.lock.writeLock().lock();
		try {
			segment = this.wal.rotate();
			for (Series series : this.index.all()) {
				Series.Points points = series.sealable(boundary);
				if (points.size() > 0) {
					sealed.put(series, points);
					series.sealedMax = points.timestamps()[points.size() - 1];
				}
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
		if (sealed.isEmpty()) {
			this.wal.truncate(segment, boundary);
			return;
		}
		// one chunk per series and hour, grouped by day partition
		TreeMap<Long, List<ChunkFile.Chunk>> byDay = new TreeMap<>();
		sealed.forEach((series, points) -> {
			long[] t = points.timestamps();
			int start = 0;
			while (start < t.length) {
				long hour = bucketEnd(t[start], HOUR);
				int end = start + 1;
				while (end < t.length && t[end] <= hour) {
					end++;
				}
				byDay.computeIfAbsent(dayOf(t[start]), day -> new ArrayList<>())
					.add(new ChunkFile.Chunk(series.id, t, points.values(), start, end));
				start = end;
			}
		});
		Map<Long, ChunkFile> written = new HashMap<>();
		try {
			for (Map.Entry<Long, List<ChunkFile.Chunk>> day : byDay.entrySet()) {
				ChunkFile file = ChunkFile.write(partitionPath(day.getKey()), ++this.seq, false, new long[0],
						day.getValue().iterator());
				written.put(day.getKey(), file);
			}
			writeState(boundary);
		}
		catch (IOException ex) {
			// the samples stay in the heads and the log; the next seal writes them again
			for (ChunkFile file : written.values()) {
				Files.deleteIfExists(file.path);
			}
			throw ex;
		}
		this.lock.writeLock().lock();
		try {
			NavigableMap<Long, List<ChunkFile>> next = new TreeMap<>(this.partitions);
			written.forEach((day, file) -> {
				List<ChunkFile> files = new ArrayList<>(next.getOrDefault(day, List.of()));
				files.add(file);
				next.put(day, List.copyOf(files));
			});
			this.partitions = next;
			sealed.forEach((series, points) -> series.dropSealed(series.sealedMax));
		}
		finally {
			this.lock.writeLock().unlock();
		}
		this.wal.truncate(segment, boundary);
	}

	private void compact() throws IOException {
		long sealedDay = dayOf(Math.floorDiv(this.clock.millis() - this.settings.sealDelay().toMillis(), HOUR) * HOUR);
		for (Map.Entry<Long, List<ChunkFile>> partition : this.partitions.entrySet()) {
			long day = partition.getKey();
			List<ChunkFile> files = partition.getValue();
			boolean finished = day < sealedDay;
			boolean needed = files.size() > 1 || !files.get(0).compacted;
			if (finished && needed) {
				compact(day, files);
			}
		}
	}

	/** Merges a finished day's files into one chunk per series and writes the day's rollups. */
	void compact(long day, List<ChunkFile> files) throws IOException {
		TreeMap<Integer, List<ChunkFile>> seriesFiles = new TreeMap<>();
		for (ChunkFile file : files) {
			for (int id : file.index().ids()) {
				List<ChunkFile> list = seriesFiles.computeIfAbsent(id, key -> new ArrayList<>());
				if (list.isEmpty() || list.get(list.size() - 1) != file) {
					list.add(file);
				}
			}
		}
		long[] sources = files.stream().mapToLong(file -> file.seq).toArray();
		long seqOfCompaction = files.stream().mapToLong(file -> file.seq).max().orElseThrow();
		List<RollupFile.Rollup> rollups = new ArrayList<>();
		long dayStart = day * DAY;
		Iterator<Map.Entry<Integer, List<ChunkFile>>> each = seriesFiles.entrySet().iterator();
		Iterator<ChunkFile.Chunk> chunks = new Iterator<>() {

			@Override
			public boolean hasNext() {
				return each.hasNext();
			}

			@Override
			public ChunkFile.Chunk next() {
				Map.Entry<Integer, List<ChunkFile>> series = each.next();
				LongDoubles points = new LongDoubles();
				try {
					for (ChunkFile file : series.getValue()) {
						for (ChunkFile.Entry entry : file.index().of(series.getKey())) {
							ChunkCodec.Decoded chunk = file.read(entry);
							for (int i = 0; i < chunk.size(); i++) {
								points.add(chunk.timestamps()[i], chunk.values()[i]);
							}
						}
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
				Series.Points merged = points.sortedUnique();
				Aggregates hours = new Aggregates();
				for (int i = 0; i < merged.size(); i++) {
					double v = merged.values()[i];
					hours.add(bucketEnd(merged.timestamps()[i], HOUR), 1, v, v, v, v);
				}
				hours.forEach((hour, a) -> rollups.add(new RollupFile.Rollup(series.getKey(),
						(int) ((hour - dayStart) / HOUR), a.count, a.min, a.max, a.sum, a.last)));
				return new ChunkFile.Chunk(series.getKey(), merged.timestamps(), merged.values(), 0, merged.size());
			}

		};
		Path directory = partitionPath(day);
		Path pending = directory.resolve("compacting");
		ChunkFile compacted;
		try {
			compacted = ChunkFile.write(pending, seqOfCompaction, true, sources, chunks);
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		// rollups first: a compacted file whose rollups are missing is rebuilt on open, never the reverse
		RollupFile.write(rollupPath(day), seqOfCompaction, rollups);
		Path target = directory.resolve(compacted.path.getFileName());
		Files.move(compacted.path, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Storage.forceDirectory(directory);
		Storage.deleteRecursively(pending);
		ChunkFile installed = ChunkFile.open(target);
		this.lock.writeLock().lock();
		try {
			NavigableMap<Long, List<ChunkFile>> next = new TreeMap<>(this.partitions);
			next.put(day, List.of(installed));
			this.partitions = next;
			for (ChunkFile file : files) {
				if (!file.path.equals(target)) {
					Files.deleteIfExists(file.path);
				}
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private void applyRetention(long now) throws IOException {
		long rawBefore = now - this.settings.rawRetention().toMillis();
		long rollupBefore = now - this.settings.rollupRetention().toMillis();
		List<Long> expired = new ArrayList<>();
		for (long day : this.partitions.keySet()) {
			if ((day + 1) * DAY < rawBefore) {
				expired.add(day);
			}
		}
		if (!expired.isEmpty()) {
			this.lock.writeLock().lock();
			try {
				NavigableMap<Long, List<ChunkFile>> next = new TreeMap<>(this.partitions);
				for (long day : expired) {
					next.remove(day);
					Storage.deleteRecursively(partitionPath(day));
				}
				this.partitions = next;
			}
			finally {
				this.lock.writeLock().unlock();
			}
		}
		for (long day : rollupDays()) {
			if ((day + 1) * DAY < rollupBefore) {
				Files.deleteIfExists(rollupPath(day));
			}
		}
	}

	// ---------------------------------------------------------------- files

	private Path partitionPath(long day) {
		return this.directory.resolve("raw").resolve(LocalDate.ofEpochDay(day).toString());
	}

	private Path rollupPath(long day) {
		return this.directory.resolve("rollup").resolve(LocalDate.ofEpochDay(day) + ".rlp");
	}

	private List<Long> rollupDays() throws IOException {
		try (Stream<Path> files = Files.list(this.directory.resolve("rollup"))) {
			return files.map(path -> path.getFileName().toString())
				.filter(name -> name.matches("\\d{4}-\\d{2}-\\d{2}\\.rlp"))
				.map(name -> LocalDate.parse(name.substring(0, 10)).toEpochDay())
				.sorted()
				.toList();
		}
	}

	/** Reads the day partitions, finishing or undoing what a crash interrupted. */
	private void loadPartitions() throws IOException {
		TreeMap<Long, List<ChunkFile>> loaded = new TreeMap<>();
		try (Stream<Path> days = Files.list(this.directory.resolve("raw"))) {
			for (Path dayPath : days.sorted().toList()) {
				String name = dayPath.getFileName().toString();
				if (!name.matches("\\d{4}-\\d{2}-\\d{2}")) {
					continue;
				}
				Storage.deleteRecursively(dayPath.resolve("compacting"));
				List<ChunkFile> files = new ArrayList<>();
				try (Stream<Path> list = Files.list(dayPath)) {
					for (Path path : list.sorted().toList()) {
						String file = path.getFileName().toString();
						if (file.endsWith(".tmp")) {
							Files.delete(path);
						}
						else if (file.endsWith(".chk")) {
							ChunkFile chunkFile = ChunkFile.open(path);
							if (!chunkFile.compacted && chunkFile.seq > this.seq) {
								// written by a seal that did not finish: its samples are still in the log
								Files.delete(path);
							}
							else {
								files.add(chunkFile);
							}
						}
					}
				}
				List<ChunkFile> replaced = new ArrayList<>();
				for (ChunkFile file : files) {
					if (file.compacted) {
						for (ChunkFile other : files) {
							if (other != file && contains(file.sources, other.seq)
									&& (!other.compacted || other.seq < file.seq)) {
								replaced.add(other);
							}
						}
					}
				}
				for (ChunkFile file : replaced) {
					Files.deleteIfExists(file.path);
					files.remove(file);
				}
				if (files.isEmpty()) {
					continue;
				}
				files.sort(Comparator.comparingLong((ChunkFile file) -> file.seq).thenComparing(file -> !file.compacted));
				long day = LocalDate.parse(name).toEpochDay();
				loaded.put(day, List.copyOf(files));
				for (ChunkFile file : files) {
					if (file.compacted && RollupFile.sourceSeq(rollupPath(day)) != file.seq) {
						rebuildRollups(day, file);
					}
				}
			}
		}
		try (Stream<Path> files = Files.list(this.directory.resolve("rollup"))) {
			for (Path path : files.filter(path -> path.toString().endsWith(".tmp")).toList()) {
				Files.delete(path);
			}
		}
		this.partitions = loaded;
	}

	private static boolean contains(long[] values, long value) {
		for (long each : values) {
			if (each == value) {
				return true;
			}
		}
		return false;
	}

	private void rebuildRollups(long day, ChunkFile file) throws IOException {
		List<RollupFile.Rollup> rollups = new ArrayList<>();
		long dayStart = day * DAY;
		ChunkFile.Index index = file.index();
		for (ChunkFile.Entry entry : index.entries()) {
			ChunkCodec.Decoded chunk = file.read(entry);
			Aggregates hours = new Aggregates();
			for (int i = 0; i < chunk.size(); i++) {
				double v = chunk.values()[i];
				hours.add(bucketEnd(chunk.timestamps()[i], HOUR), 1, v, v, v, v);
			}
			hours.forEach((hour, a) -> rollups.add(new RollupFile.Rollup(entry.seriesId(), (int) ((hour - dayStart) / HOUR),
					a.count, a.min, a.max, a.sum, a.last)));
		}
		RollupFile.write(rollupPath(day), file.seq, rollups);
	}

	/** The newest sample of each series from the last two partitions (the head adds to it on replay). */
	private void initialiseLatest() throws IOException {
		for (List<ChunkFile> files : this.partitions.descendingMap().values().stream().limit(2).toList()) {
			for (ChunkFile file : files) {
				for (ChunkFile.Entry entry : file.index().entries()) {
					Series series = this.index.get(entry.seriesId());
					if (series != null) {
						series.noteLatest(entry.maxT(), entry.last());
					}
				}
			}
		}
	}

	private long readState() throws IOException {
		Path path = this.directory.resolve("seal.state");
		if (!Files.exists(path)) {
			return 0;
		}
		ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(path));
		if (buffer.getInt() != STATE_MAGIC) {
			throw new IOException("Not a seal state: " + path);
		}
		long lastSeq = buffer.getLong();
		buffer.getLong();
		int count = buffer.getInt();
		for (int i = 0; i < count; i++) {
			Series series = this.index.get(buffer.getInt());
			long sealedMax = buffer.getLong();
			if (series != null) {
				series.sealedMax = sealedMax;
			}
		}
		return lastSeq;
	}

	private void writeState(long boundary) throws IOException {
		List<Series> all = this.index.all().stream().filter(series -> series.sealedMax != Long.MIN_VALUE).toList();
		ByteBuffer buffer = ByteBuffer.allocate(4 + 8 + 8 + 4 + all.size() * 12);
		buffer.putInt(STATE_MAGIC).putLong(this.seq).putLong(boundary).putInt(all.size());
		for (Series series : all) {
			buffer.putInt(series.id).putLong(series.sealedMax);
		}
		buffer.flip();
		Path path = this.directory.resolve("seal.state");
		Path temporary = this.directory.resolve("seal.state.tmp");
		try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
			channel.force(true);
		}
		Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		Storage.forceDirectory(this.directory);
	}

	@Override
	public void close() {
		if (this.maintenance != null) {
			this.maintenance.shutdownNow();
			try {
				this.maintenance.awaitTermination(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		synchronized (this.maintenanceLock) {
			this.lock.writeLock().lock();
			try {
				if (this.closed) {
					return;
				}
				this.closed = true;
				this.wal.close();
				this.index.close();
				this.lockFile.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				this.lock.writeLock().unlock();
			}
		}
	}

	// ---------------------------------------------------------------- time arithmetic

	/** The end of the bucket {@code (t - step, t]} holding {@code timestamp}. */
	static long bucketEnd(long timestamp, long step) {
		return Math.floorDiv(timestamp - 1, step) * step + step;
	}

	/** The day partition of a timestamp: partitions hold {@code (midnight, next midnight]}. */
	static long dayOf(long timestamp) {
		return Math.floorDiv(timestamp - 1, DAY);
	}

	// ---------------------------------------------------------------- helpers

	/** Samples gathered from several places. */
	private static final class LongDoubles {

		private long[] timestamps = new long[64];

		private double[] values = new double[64];

		private int size;

		private boolean sorted = true;

		void add(long timestamp, double value) {
			if (this.size == this.timestamps.length) {
				this.timestamps = java.util.Arrays.copyOf(this.timestamps, this.size * 2);
				this.values = java.util.Arrays.copyOf(this.values, this.size * 2);
			}
			if (this.size > 0 && timestamp <= this.timestamps[this.size - 1]) {
				this.sorted = false;
			}
			this.timestamps[this.size] = timestamp;
			this.values[this.size] = value;
			this.size++;
		}

		/** In time order, one per timestamp (the one added last wins). */
		Series.Points sortedUnique() {
			if (this.sorted) {
				return new Series.Points(java.util.Arrays.copyOf(this.timestamps, this.size),
						java.util.Arrays.copyOf(this.values, this.size));
			}
			Integer[] order = new Integer[this.size];
			for (int i = 0; i < this.size; i++) {
				order[i] = i;
			}
			java.util.Arrays.sort(order, Comparator.comparingLong((Integer i) -> this.timestamps[i]));
			long[] t = new long[this.size];
			double[] v = new double[this.size];
			int n = 0;
			for (int i : order) {
				if (n > 0 && t[n - 1] == this.timestamps[i]) {
					v[n - 1] = this.values[i];
				}
				else {
					t[n] = this.timestamps[i];
					v[n] = this.values[i];
					n++;
				}
			}
			return new Series.Points(java.util.Arrays.copyOf(t, n), java.util.Arrays.copyOf(v, n));
		}

	}

	/** Aggregates by bucket end: count, min, max, sum and the last value (from the latest source added). */
	static final class Aggregates {

		private final TreeMap<Long, Aggregate> buckets = new TreeMap<>();

		static final class Aggregate {

			long count;

			double min = Double.POSITIVE_INFINITY;

			double max = Double.NEGATIVE_INFINITY;

			double sum;

			double last;

		}

		void add(long bucket, long count, double min, double max, double sum, double last) {
			Aggregate aggregate = this.buckets.computeIfAbsent(bucket, key -> new Aggregate());
			aggregate.count += count;
			aggregate.min = Math.min(aggregate.min, min);
			aggregate.max = Math.max(aggregate.max, max);
			aggregate.sum += sum;
			aggregate.last = last;
		}

		void forEach(java.util.function.BiConsumer<Long, Aggregate> action) {
			this.buckets.forEach(action);
		}

		int size() {
			return this.buckets.size();
		}

		SeriesPoints points(SeriesKey key, Resolution resolution) {
			int n = this.buckets.size();
			long[] t = new long[n];
			double[] avg = new double[n];
			double[] min = new double[n];
			double[] max = new double[n];
			int i = 0;
			for (Map.Entry<Long, Aggregate> bucket : this.buckets.entrySet()) {
				Aggregate a = bucket.getValue();
				t[i] = bucket.getKey();
				avg[i] = a.sum / a.count;
				min[i] = a.min;
				max[i] = a.max;
				i++;
			}
			return new SeriesPoints(key, resolution, t, avg, min, max);
		}

	}

}
