package org.ssobroker.idp;

import java.util.List;

/** A page of a site's IdPs matching a search, and how many match in all. */
public record IdpPage(List<IdpSummary> idps, long total, int offset, int limit) {

    public boolean hasPrevious() {
        return offset > 0;
    }

    public boolean hasNext() {
        return offset + idps.size() < total;
    }
}
