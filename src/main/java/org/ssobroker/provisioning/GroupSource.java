package org.ssobroker.provisioning;

/** Why a user is in a group; a re-sync replaces only the {@code IDP} memberships. */
public enum GroupSource { IDP, DEFAULT, ADMIN }
