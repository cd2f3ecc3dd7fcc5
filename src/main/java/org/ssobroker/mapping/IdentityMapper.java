package org.ssobroker.mapping;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.Comparator;
import java.util.List;

/** Runs every {@link ClaimMapper} in order: claims in, the mapped identity out. Pure. */
@ApplicationScoped
public class IdentityMapper {

    private final List<ClaimMapper> mappers;

    @Inject
    public IdentityMapper(Instance<ClaimMapper> mappers) {
        this(mappers.stream().toList());
    }

    public IdentityMapper(List<ClaimMapper> mappers) {
        this.mappers = mappers.stream().sorted(Comparator.comparingInt(ClaimMapper::order)).toList();
    }

    /** @throws org.ssobroker.support.LoginRefusal when the claims cannot make a user */
    public MappedIdentity map(Claims claims, MappingRules rules) {
        MappedIdentityBuilder identity = new MappedIdentityBuilder();
        for (ClaimMapper mapper : mappers) {
            mapper.map(claims, rules, identity);
        }
        return identity.build();
    }

    public List<ClaimMapper> mappers() {
        return mappers;
    }
}
