-- provision_user takes the mapped identity as one JSONB document instead of positional parameters:
-- a new user field is a component of mapping/MappedIdentity and a column in the one UPDATE below.
-- Still one statement per login (one round trip, one implicit transaction; see bench/).
--
-- The rules it carries out are stated in provisioning/ProvisioningRule, each named below where it
-- is carried out as [RULE_NAME]; ProvisionUserFunctionTest tests each one on this function.
--
-- p_identity: MappedIdentity as Jackson writes it. Read here: externalUserId, issuer, subject,
-- login, email, name, firstName, lastName, accessRight, portalPage, skin, dashboardTheme, language,
-- attributes (object), idpGroups (array; null or absent: unknown for this login), defaultGroups
-- (array). Other keys are ignored.
--
-- Answers one row: the user, whether this login created it and whether its first-login message is
-- pending; or, when nothing was written, o_refusal (a LoginRefusal reason code: 'subject_mismatch',
-- 'login_taken').
--
-- An exchange (or browser login) whose mapped identity is the one written last time writes
-- nothing: no user, link or group rows (issue 20: PostgreSQL's cost per exchange was the writes,
-- about 0.8 ms, even when nothing about the user had changed). The digest of the identity last
-- written is kept on the user; last_login_at is refreshed at most hourly by such logins.
-- Rule [UNCHANGED_RESYNC_WRITES_NOTHING] of provisioning/ProvisioningRule.
--
-- A group created in the site's catalog later may turn an "unknown" IdP group into a membership:
-- creating a group clears the digests of the site's users (site/CatalogService), so their next
-- login writes again.

ALTER TABLE app_user ADD COLUMN identity_digest VARCHAR(32);

DROP FUNCTION provision_user(VARCHAR, BIGINT, VARCHAR, UUID, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR,
    VARCHAR, VARCHAR, VARCHAR, VARCHAR, JSONB, VARCHAR[], VARCHAR[], BOOLEAN, VARCHAR, VARCHAR);

CREATE FUNCTION provision_user(
    p_site_key            VARCHAR,
    p_idp_id              BIGINT,
    p_new_user_id         UUID,
    p_first_login_message BOOLEAN,
    p_identity            JSONB)
RETURNS TABLE (o_user_id UUID, o_created BOOLEAN, o_first_login_pending BOOLEAN, o_refusal VARCHAR)
LANGUAGE plpgsql AS $$
DECLARE
    v_external   VARCHAR := p_identity->>'externalUserId';
    v_login      VARCHAR := p_identity->>'login';
    v_subject    VARCHAR := p_identity->>'subject';
    v_attributes JSONB := CASE WHEN jsonb_typeof(p_identity->'attributes') = 'object'
                               THEN p_identity->'attributes' ELSE '{}' END;
    -- SQL NULL when the IdP's groups are unknown
    v_idp_groups JSONB := CASE WHEN jsonb_typeof(p_identity->'idpGroups') = 'array' THEN p_identity->'idpGroups' END;
    v_default_groups JSONB := CASE WHEN jsonb_typeof(p_identity->'defaultGroups') = 'array'
                                   THEN p_identity->'defaultGroups' ELSE '[]' END;
    v_now        TIMESTAMPTZ := now();
    v_id         UUID;
    v_linked     BOOLEAN;
    v_link_subject VARCHAR;
    v_old_login  VARCHAR;
    v_pending    BOOLEAN;
    -- What this login would write, minus what is only shown (the mapping's notes). jsonb's text is
    -- canonical (keys sorted, no duplicates), so equal identities have equal digests.
    v_digest     VARCHAR := md5((p_identity - 'notes')::text);
    v_stored_digest VARCHAR;
    v_last_login TIMESTAMPTZ;
BEGIN
    -- [ONE_LOGIN_AT_A_TIME]
    PERFORM pg_advisory_xact_lock(p_idp_id::INTEGER, hashtext(v_external));
    o_created := FALSE;

    SELECT l.user_id, l.subject, u.login, u.identity_digest, u.last_login_at, u.first_login_pending
      INTO v_id, v_link_subject, v_old_login, v_stored_digest, v_last_login, v_pending
      FROM user_idp_link l JOIN app_user u ON u.id = l.user_id
     WHERE l.idp_id = p_idp_id AND l.external_user_id = v_external;
    v_linked := v_id IS NOT NULL;

    IF v_linked THEN
        -- [LINK_BOUND_TO_SUBJECT]
        IF v_link_subject IS NOT NULL AND v_link_subject IS DISTINCT FROM v_subject THEN
            o_refusal := 'subject_mismatch';
            RETURN NEXT;
            RETURN;
        END IF;
        -- [LOGIN_TAKEN] by a re-sync renaming its user
        IF v_login IS DISTINCT FROM v_old_login
           AND EXISTS (SELECT 1 FROM app_user u WHERE u.site_key = p_site_key AND u.login = v_login) THEN
            o_refusal := 'login_taken';
            RETURN NEXT;
            RETURN;
        END IF;
        -- [UNCHANGED_RESYNC_WRITES_NOTHING]: the same identity as last time, seen within the hour
        IF v_link_subject IS NOT NULL AND v_stored_digest = v_digest AND v_idp_groups IS NOT NULL
           AND v_last_login >= v_now - interval '1 hour' THEN
            RETURN QUERY SELECT v_id, FALSE, v_pending, NULL::VARCHAR;
            RETURN;
        END IF;
        IF v_link_subject IS NULL THEN
            -- [LINK_BOUND_TO_SUBJECT] a link made before V7
            UPDATE user_idp_link SET issuer = p_identity->>'issuer', subject = v_subject
             WHERE idp_id = p_idp_id AND external_user_id = v_external;
        END IF;
    ELSE
        -- [CREATE_AND_LINK] (its profile is written by the UPDATE below)
        INSERT INTO app_user (id, site_key, login, first_login_pending, created_at, version)
        VALUES (p_new_user_id, p_site_key, v_login, p_first_login_message, v_now, 0)
        ON CONFLICT (site_key, login) DO NOTHING
        RETURNING id INTO v_id;
        o_created := v_id IS NOT NULL;
        IF NOT o_created THEN
            -- [CLAIM_UNLINKED_USER]
            SELECT u.id INTO v_id FROM app_user u
             WHERE u.site_key = p_site_key AND u.login = v_login
               AND NOT EXISTS (SELECT 1 FROM user_idp_link l WHERE l.user_id = u.id)
               FOR UPDATE;
            IF v_id IS NULL THEN
                -- [LOGIN_TAKEN] by a linked user
                o_refusal := 'login_taken';
                RETURN NEXT;
                RETURN;
            END IF;
        END IF;
        INSERT INTO user_idp_link (user_id, idp_id, external_user_id, linked_at, issuer, subject)
        VALUES (v_id, p_idp_id, v_external, v_now, p_identity->>'issuer', v_subject);
    END IF;

    -- [RESYNC_LINKED_USER], also the profile of a created or claimed user: the one list of profile columns.
    -- [ATTRIBUTES_MERGED]
    UPDATE app_user u
       SET login = v_login, email = p_identity->>'email', name = p_identity->>'name',
           first_name = p_identity->>'firstName', last_name = p_identity->>'lastName',
           access_right = p_identity->>'accessRight', portal_page = p_identity->>'portalPage',
           skin = p_identity->>'skin', dashboard_theme = p_identity->>'dashboardTheme',
           language = p_identity->>'language',
           attributes = u.attributes || v_attributes,
           last_login_at = v_now,
           identity_digest = v_digest,
           version = CASE WHEN o_created THEN u.version ELSE u.version + 1 END
     WHERE u.id = v_id
    RETURNING u.first_login_pending INTO v_pending;

    -- [IDP_GROUPS_REPLACED] on a re-sync and on a claim; [IDP_GROUPS_KEPT_WHEN_UNKNOWN] when v_idp_groups is NULL
    IF NOT o_created AND v_idp_groups IS NOT NULL THEN
        DELETE FROM user_group_membership m
         WHERE m.user_id = v_id AND m.source = 'IDP' AND NOT v_idp_groups ? m.group_name;
    END IF;

    -- [IDP_GROUPS_REPLACED] [DEFAULT_GROUPS_ADDED] [UNKNOWN_GROUPS_SKIPPED] (by the join on the catalog)
    INSERT INTO user_group_membership (user_id, site_key, group_name, source)
    SELECT v_id, g.site_key, g.name, wanted.source
      FROM (VALUES ('IDP', COALESCE(v_idp_groups, '[]')), ('DEFAULT', v_default_groups)) AS wanted (source, names)
     CROSS JOIN LATERAL jsonb_array_elements_text(wanted.names) AS member (name)
      JOIN user_group g ON g.site_key = p_site_key AND g.name = member.name
    ON CONFLICT DO NOTHING;

    RETURN QUERY SELECT v_id, o_created, v_pending, NULL::VARCHAR;
END
$$;
