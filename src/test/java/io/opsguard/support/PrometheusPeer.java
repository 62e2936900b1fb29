package io.opsguard.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Debian's {@code prometheus} ({@code /usr/bin/prometheus}) on a free loopback port with a temporary
 * TSDB, started from a given {@code prometheus.yml} and further files beside it (rule files).
 * Missing binary: the test is skipped, unless {@code OPSGUARD_REQUIRE_SYSTEM_PEERS=true}, then it
 * fails ({@link #installed()} lets a benchmark look first). {@link #close()} stops it and removes its
 * directory; so does a shutdown hook.
 */
public final class PrometheusPeer extends DaemonPeer {

	public static final Path BINARY = Path.of(System.getProperty("opsguard.prometheus", "/usr/bin/prometheus"));

	private PrometheusPeer(Map<String, String> files) {
		super("prometheus", BINARY, files,
				start -> List.of("--config.file=" + start.dir().resolve("prometheus.yml"),
						"--storage.tsdb.path=" + start.dir().resolve("data"), "--web.listen-address=" + start.listenAddress(),
						"--log.level=warn"),
				"/-/ready");
	}

	public static boolean installed() {
		return Files.isExecutable(BINARY);
	}

	/**
	 * Starts Prometheus and waits until it is ready.
	 *
	 * @param config the {@code prometheus.yml}; other files it names by a relative path are written
	 * beside it
	 * @param otherFiles more files by name (e.g. {@code rules.yml})
	 */
	public static PrometheusPeer start(String config, Map<String, String> otherFiles) {
		SystemPeers.program("prometheus", BINARY.toString());
		Map<String, String> files = new LinkedHashMap<>(otherFiles);
		files.put("prometheus.yml", config);
		return new PrometheusPeer(files);
	}

	/** An instant query's JSON answer ({@code /api/v1/query}). */
	public String query(String promql) {
		return get("/api/v1/query?query=" + java.net.URLEncoder.encode(promql, java.nio.charset.StandardCharsets.UTF_8));
	}

}
