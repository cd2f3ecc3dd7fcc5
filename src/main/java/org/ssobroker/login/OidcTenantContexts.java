package org.ssobroker.login;

import io.quarkus.logging.Log;
import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import java.lang.reflect.Field;
import java.util.Map;

/**
 * Drops quarkus-oidc's context of an IdP tenant we no longer cache. quarkus-oidc 3.27 keeps
 * every dynamic tenant context forever (quarkus#42803: no removal API), each with its own HTTP
 * client; with thousands of IdPs that is unbounded memory. Until upstream has an API, reach
 * into {@code TenantConfigBean.dynamicTenantsConfig}; if that field ever disappears, say so once
 * and carry on unbounded rather than fail logins.
 */
@ApplicationScoped
@RegisterForReflection(targets = TenantConfigBean.class, fields = true, methods = false)
public class OidcTenantContexts {

    private final Instance<TenantConfigBean> tenants;
    private final Field dynamicContexts;

    public OidcTenantContexts(Instance<TenantConfigBean> tenants) {
        this.tenants = tenants;
        this.dynamicContexts = dynamicContextsField();
    }

    /** Removes the tenant's context and closes its HTTP client; the next login builds a new one. */
    public void evict(String tenantId) {
        Map<String, TenantConfigContext> contexts = contexts();
        TenantConfigContext context = contexts == null ? null : contexts.remove(tenantId);
        if (context != null && context.provider() != null) {
            context.provider().close();
        }
    }

    /** How many dynamic tenant contexts quarkus-oidc holds now (-1 when unknown). */
    public int size() {
        Map<String, TenantConfigContext> contexts = contexts();
        return contexts == null ? -1 : contexts.size();
    }

    @SuppressWarnings("unchecked")
    private Map<String, TenantConfigContext> contexts() {
        if (dynamicContexts == null || !tenants.isResolvable()) {
            return null;
        }
        try {
            return (Map<String, TenantConfigContext>) dynamicContexts.get(tenants.get());
        } catch (IllegalAccessException e) {
            Log.warnf("Cannot read quarkus-oidc's tenant contexts: %s", e.getMessage());
            return null;
        }
    }

    private static Field dynamicContextsField() {
        try {
            Field field = TenantConfigBean.class.getDeclaredField("dynamicTenantsConfig");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            Log.warn("quarkus-oidc changed: its tenant contexts cannot be evicted; memory grows with IdPs used");
            return null;
        }
    }
}
