package io.signalbox.preflight;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name lookup for the DNS step; injected so tests can make a name fail without a network. */
@FunctionalInterface
public interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
