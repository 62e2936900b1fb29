package io.opsguard.identity.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Client addresses as people read them: RFC 5952 for IPv6, dotted IPv4 for IPv4-mapped ones. */
final class SourceAddress {

	private SourceAddress() {
	}

	/** The compact form of a numeric address; anything else comes back unchanged. */
	static String compact(String address) {
		if (address == null || address.indexOf(':') < 0 || !address.matches("[0-9A-Fa-f:.]+")) {
			// IPv4 is compact already; anything else is kept as given
			return address;
		}
		try {
			// an IPv6 literal: no name lookup happens
			InetAddress parsed = InetAddress.getByName(address);
			if (parsed instanceof Inet4Address) {
				return parsed.getHostAddress();
			}
			if (parsed instanceof Inet6Address v6) {
				return compress(v6.getAddress());
			}
		}
		catch (UnknownHostException | SecurityException ex) {
			// not an address literal: keep as given
		}
		return address;
	}

	private static String compress(byte[] bytes) {
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
		}
		// the longest run of two or more zero groups (the first, if several) becomes "::"
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			if (groups[i] != 0) {
				i++;
				continue;
			}
			int j = i;
			while (j < 8 && groups[j] == 0) {
				j++;
			}
			if (j - i > bestLength) {
				bestStart = i;
				bestLength = j - i;
			}
			i = j;
		}
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			text.append(Integer.toHexString(groups[i]));
		}
		return text.toString();
	}

}
