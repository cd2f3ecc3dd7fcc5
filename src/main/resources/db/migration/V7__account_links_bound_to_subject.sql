-- Account linking that cannot be hijacked (see VerifiedEmailMapper and UserProvisioner):
-- a link records the IdP's iss and sub at its first login; a later login whose external id
-- matches but whose sub differs is refused and changes nothing. Links made before this take
-- their iss and sub at their next login.
ALTER TABLE user_idp_link ADD COLUMN issuer VARCHAR(2000);
ALTER TABLE user_idp_link ADD COLUMN subject VARCHAR(500);

-- Emails the IdP has not verified count anyway (a documented risk, warned about in the IdP's GET).
ALTER TABLE identity_provider ADD COLUMN trust_unverified_email BOOLEAN NOT NULL DEFAULT FALSE;

-- A wizard draft editing an IdP with a secret: saving without a new one keeps the stored secret
-- (unless the endpoints change). The draft no longer carries a copy of it.
ALTER TABLE idp_draft ADD COLUMN secret_stored_on_idp BOOLEAN NOT NULL DEFAULT FALSE;

DROP FUNCTION provision_user(VARCHAR, BIGINT, VARCHAR, UUID, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,
    VARCHAR, VARCHAR, VARCHAR, VARCHAR, JSONB, VARCHAR[], VARCHAR[], BOOLEAN);

-- As V5, plus the link's iss/sub binding, and an unlinked user claimed by its login. Answers one row; o_refusal says why nothing was
-- written: 'login_taken' (a new user's login belongs to another user of the site) or
-- 'subject_mismatch' (the external id is linked to another subject of this IdP). A re-sync
-- onto a taken login still raises unique_violation (23505).
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
    p_first_login_message BOOLEAN,
    p_issuer              VARCHAR,
    p_subject             VARCHAR)
RETURNS TABLE (o_user_id UUID, o_created BOOLEAN, o_first_login_pending BOOLEAN, o_refusal VARCHAR)
LANGUAGE plpgsql AS $$
DECLARE
    v_id      UUID;
    v_pending BOOLEAN;
    v_subject VARCHAR;
    v_now     TIMESTAMPTZ := now();
BEGIN
    PERFORM pg_advisory_xact_lock(p_idp_id::INTEGER, hashtext(p_external_user_id));

    SELECT l.subject INTO v_subject FROM user_idp_link l
     WHERE l.idp_id = p_idp_id AND l.external_user_id = p_external_user_id;
    IF v_subject IS NOT NULL AND v_subject IS DISTINCT FROM p_subject THEN
        o_refusal := 'subject_mismatch';
        RETURN NEXT;
        RETURN;
    END IF;

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
        IF v_id IS NOT NULL THEN
            o_created := TRUE;
            v_pending := p_first_login_message;
        ELSE
            -- The login is taken. Only a user an admin unlinked from every IdP (DELETE .../links/..)
            -- is claimed by the next login with its login: relinking on purpose, never by email alone.
            UPDATE app_user u
               SET email = p_email, name = p_name, first_name = p_first_name, last_name = p_last_name,
                   access_right = p_access_right, portal_page = p_portal_page, skin = p_skin,
                   dashboard_theme = p_dashboard_theme, language = p_language,
                   attributes = u.attributes || p_attributes, last_login_at = v_now, version = u.version + 1
             WHERE u.site_key = p_site_key AND u.login = p_login
               AND NOT EXISTS (SELECT 1 FROM user_idp_link l WHERE l.user_id = u.id)
            RETURNING u.id, u.first_login_pending INTO v_id, v_pending;
            IF v_id IS NULL THEN
                o_refusal := 'login_taken';
                RETURN NEXT;
                RETURN;
            END IF;
            o_created := FALSE;
        END IF;
        INSERT INTO user_idp_link (user_id, idp_id, external_user_id, linked_at, issuer, subject)
        VALUES (v_id, p_idp_id, p_external_user_id, v_now, p_issuer, p_subject);
    ELSE
        o_created := FALSE;
        IF v_subject IS NULL THEN
            UPDATE user_idp_link SET issuer = p_issuer, subject = p_subject
             WHERE idp_id = p_idp_id AND external_user_id = p_external_user_id;
        END IF;
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
