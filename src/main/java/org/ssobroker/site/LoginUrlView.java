package org.ssobroker.site;

public record LoginUrlView(String name, String title, String url) {
}
