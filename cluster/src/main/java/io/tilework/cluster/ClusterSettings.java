package io.tilework.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a member finds its cluster and how it is reached: the cluster's name (required, so two
 * clusters on one network never merge by accident), the members to join, the address and port to
 * bind. Multicast is never used: members are found by TCP/IP from the join list only.
 *
 * @param join   members to contact, as HOST:PORT; this member's own address may be among them
 * @param bind   the address to bind and be reached at; 127.0.0.1 unless a user says otherwise
 * @param port   the port, or 0 for the first free one from 5701
 * @param member this member's name in logs and status
 */
public record ClusterSettings(String clusterName, List<String> join, String bind, int port, String member, String version) {

    public static final String LOOPBACK = "127.0.0.1";

    public ClusterSettings {
        Objects.requireNonNull(version, "version");
        if (clusterName == null || clusterName.isBlank()) {
            throw new ClusterRequestInvalid("--cluster needs a name: give every cluster its own, e.g. --cluster charts-2026");
        }
        if (clusterName.equals("dev")) {
            throw new ClusterRequestInvalid("--cluster dev is Hazelcast's default name, which any stray member joins; choose another");
        }
        if (join == null || join.isEmpty()) {
            throw new ClusterRequestInvalid("--join needs at least one member address HOST:PORT, e.g. --join 127.0.0.1:5801");
        }
        var checked = new ArrayList<String>();
        for (String address : join) {
            checked.add(hostPort(address.strip()));
        }
        join = List.copyOf(checked);
        bind = bind == null || bind.isBlank() ? LOOPBACK : bind.strip();
        if (port < 0 || port > 65535) {
            throw new ClusterRequestInvalid("--port must be from 1 to 65535, not " + port);
        }
        if (member == null || member.isBlank()) {
            throw new ClusterRequestInvalid("a member needs a name");
        }
    }

    /** Whether members on other machines can reach this one: then anyone on the network can. */
    public boolean exposed() {
        return !bind.equals(LOOPBACK) && !bind.equals("localhost") && !bind.startsWith("127.");
    }

    private static String hostPort(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new ClusterRequestInvalid("--join takes HOST:PORT[,HOST:PORT...], not '" + address + "'");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ClusterRequestInvalid("--join: '" + address + "' has no port from 1 to 65535 after the colon");
        }
        return address;
    }
}
