package org.dhcpcluster.client.v6;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dhcpcluster.protocol.v6.DhcpV6OptionCode;
import org.dhcpcluster.protocol.v6.Duid;

/**
 * Who a DHCPv6 client is and what it asks for. Immutable; build with {@link #builder(byte[])}.
 */
public final class DhcpV6ClientConfig {
    /** Ethernet, the hardware type a DUID-LL names by default (RFC 826 "ar$hrd"). */
    public static final int HARDWARE_TYPE_ETHERNET = 1;
    /** DNS servers and the domain search list (RFC 3646): what a host needs besides its address. */
    public static final List<Integer> DEFAULT_OPTION_REQUEST = List.of(DhcpV6OptionCode.DNS_SERVERS, DhcpV6OptionCode.DOMAIN_LIST);

    private final Duid duid;
    private final List<IaKey> identityAssociations;
    private final boolean rapidCommit;
    private final List<Integer> optionRequest;

    private DhcpV6ClientConfig(Builder b) {
        duid = b.duid;
        identityAssociations = List.copyOf(b.identityAssociations.isEmpty() ? List.of(IaKey.na(1)) : b.identityAssociations);
        rapidCommit = b.rapidCommit;
        optionRequest = List.copyOf(b.optionRequest);
    }

    /** A client whose DUID is a DUID-LL of this Ethernet MAC (RFC 8415 section 11.4), asking for one IA_NA unless told otherwise. */
    public static Builder builder(byte[] mac) {
        return new Builder(Duid.ll(HARDWARE_TYPE_ETHERNET, mac));
    }

    /** A client with a DUID of another type (DUID-LLT, DUID-EN, DUID-UUID ...). */
    public static Builder builder(Duid duid) {
        return new Builder(duid);
    }

    /** The client's DUID, sent as its Client Identifier (section 21.2). */
    public Duid duid() {
        return duid;
    }

    /** The IA_NAs and IA_PDs to obtain, in the order they go into messages; IA_NA with IAID 1 when none was set. */
    public List<IaKey> identityAssociations() {
        return identityAssociations;
    }

    /** Whether SOLICIT carries Rapid Commit (section 21.14), so a server may answer with a REPLY at once. */
    public boolean rapidCommit() {
        return rapidCommit;
    }

    /** Option codes for the Option Request option; the client adds the ones RFC 8415 makes it ask for. */
    public List<Integer> optionRequest() {
        return optionRequest;
    }

    public static final class Builder {
        private final Duid duid;
        private final List<IaKey> identityAssociations = new ArrayList<>();
        private boolean rapidCommit;
        private List<Integer> optionRequest = DEFAULT_OPTION_REQUEST;

        private Builder(Duid duid) {
            this.duid = Objects.requireNonNull(duid, "duid");
        }

        /** Asks for non-temporary addresses in an IA_NA with this IAID. */
        public Builder iaNa(long iaid) {
            return add(IaKey.na(iaid));
        }

        /** Asks for delegated prefixes in an IA_PD with this IAID. */
        public Builder iaPd(long iaid) {
            return add(IaKey.pd(iaid));
        }

        private Builder add(IaKey key) {
            if (identityAssociations.contains(key)) {
                throw new IllegalArgumentException(key + " asked for twice");
            }
            identityAssociations.add(key);
            return this;
        }

        public Builder rapidCommit(boolean on) {
            rapidCommit = on;
            return this;
        }

        public Builder optionRequest(List<Integer> codes) {
            for (int c : codes) {
                if (c < 1 || c > 0xFFFF) {
                    throw new IllegalArgumentException("option codes are 1..65535: " + c);
                }
            }
            optionRequest = List.copyOf(codes);
            return this;
        }

        public DhcpV6ClientConfig build() {
            return new DhcpV6ClientConfig(this);
        }
    }
}
