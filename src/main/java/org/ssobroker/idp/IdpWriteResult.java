package org.ssobroker.idp;

/** The answer of an IdP write: whether it created the IdP, and the IdP as now stored. */
public record IdpWriteResult(boolean created, IdpView view) {
}
