package org.ssobroker.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A console resource that needs no session (the sign-in pages). Every other one is behind {@link ConsoleGuard}. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SignedOutPage {
}
