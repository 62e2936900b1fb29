package io.opsguard.benchmark;

import java.util.List;

/**
 * One benchmark of the project: seeds realistic data through the running application's beans,
 * drives it over HTTP and answers its figures. Registered in {@link BenchmarkRunner#BENCHMARKS}.
 */
interface Benchmark {

	String name();

	List<Figure> run(BenchmarkContext context) throws Exception;

}
