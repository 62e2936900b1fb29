package io.opsguard.monitoring.collect.jmx;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.rmi.server.RMIClientSocketFactory;

/**
 * Sockets with a connect and a read timeout for the RMI registry lookup that starts every JMX
 * connection ({@code com.sun.jndi.rmi.factory.socket}): JMXConnectorFactory itself has no timeout,
 * and an unreachable or mute registry would otherwise hold a thread for minutes.
 */
record TimeoutSocketFactory(int timeoutMillis) implements RMIClientSocketFactory, Serializable {

	@Override
	public Socket createSocket(String host, int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), this.timeoutMillis);
			socket.setSoTimeout(this.timeoutMillis);
			return socket;
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

}
