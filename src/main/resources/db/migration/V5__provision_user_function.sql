-- Provisioning of one login in one statement (one round trip, one implicit transaction): every
-- browser login and every token exchange runs it, and on a small machine each extra round trip
-- to PostgreSQL costs more than the SQL itself (see bench/). The mapping is done in Java
-- (mapping/); this only writes its result.
--
-- Serializes logins of one external user (concurrent first logins make one user), re-syncs the
-- linked user, or creates and links it; then the IdP's groups replace those it gave last time,
-- default groups are added, admin-set groups stay, and names missing from the site's catalog
-- are skipped. Answers no row when a new user's login belongs to another user of the site (the
-- caller refuses the login); a re-sync onto a taken login raises unique_violation (23505).
CREATE FUNCTION provision_user(
    p_site_key            VARCHAR,
    p_idp_id              BIGINT,
    p_external_user_id    VARCHAR,
    p_new_user_id         UUID,
    p_login               VARCHAR,
    p_email               VARCHAR,
    p_name                VARCHAR,
    p_first_name          VARCHAR,
    p_last_name           VARCHAR,
    p_access_right        VARCHAR,
    p_portal_page         VARCHAR,
    p_skin                VARCHAR,
    p_dashboard_theme     VARCHAR,
    p_language            VARCHAR,
    p_attributes          JSONB,
    p_idp_groups          VARCHAR[],
    p_default_groups      VARCHAR[],
    p_first_login_message BOOLEAN)
RETURNS TABLE (o_user_id UUID, o_created BOOLEAN, o_first_login_pending BOOLEAN)
LANGUAGE plpgsql AS $$
DECLARE
    v_id      UUID;
    v_pending BOOLEAN;
    v_now     TIMESTAMPTZ := now();
BEGIN
    PERFORM pg_advisory_xact_lock(p_idp_id::INTEGER, hashtext(p_external_user_id));

    UPDATE app_user u
       SET login = p_login, email = p_email, name = p_name, first_name = p_first_name,
           last_name = p_last_name, access_right = p_access_right, portal_page = p_portal_page,
           skin = p_skin, dashboard_theme = p_dashboard_theme, language = p_language,
           attributes = u.attributes || p_attributes, last_login_at = v_now, version = u.version + 1
      FROM user_idp_link l
     WHERE l.user_id = u.id AND l.idp_id = p_idp_id AND l.external_user_id = p_external_user_id
    RETURNING u.id, u.first_login_pending INTO v_id, v_pending;

    IF v_id IS NULL THEN
        INSERT INTO app_user (id, site_key, login, email, name, first_name, last_name, access_right,
                              portal_page, skin, dashboard_theme, language, attributes,
                              first_login_pending, created_at, last_login_at, version)
        VALUES (p_new_user_id, p_site_key, p_login, p_email, p_name, p_first_name, p_last_name,
                p_access_right, p_portal_page, p_skin, p_dashboard_theme, p_language, p_attributes,
                p_first_login_message, v_now, v_now, 0)
        ON CONFLICT (site_key, login) DO NOTHING
        RETURNING id INTO v_id;
        IF v_id IS NULL THEN
            RETURN;
        END IF;
        INSERT INTO user_idp_link (user_id, idp_id, external_user_id, linked_at)
        VALUES (v_id, p_idp_id, p_external_user_id, v_now);
        o_created := TRUE;
        v_pending := p_first_login_message;
    ELSE
        o_created := FALSE;
        DELETE FROM user_group_membership m
         WHERE m.user_id = v_id AND m.source = 'IDP' AND m.group_name <> ALL (p_idp_groups);
    END IF;

    INSERT INTO user_group_membership (user_id, site_key, group_name, source)
    SELECT v_id, g.site_key, g.name, wanted.source
      FROM (SELECT unnest(p_idp_groups) AS name, 'IDP' AS source
            UNION ALL
            SELECT unnest(p_default_groups), 'DEFAULT') AS wanted
      JOIN user_group g ON g.site_key = p_site_key AND g.name = wanted.name
    ON CONFLICT DO NOTHING;

    o_user_id := v_id;
    o_first_login_pending := v_pending;
    RETURN NEXT;
END
$$;
