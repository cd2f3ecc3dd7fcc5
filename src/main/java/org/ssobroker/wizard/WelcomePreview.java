package org.ssobroker.wizard;

import java.util.List;

/** The welcome texts rendered for a sample user: what a new user will receive and see. */
public record WelcomePreview(String subject, String email, String message, List<String> warnings) {
}
