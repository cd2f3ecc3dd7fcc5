package org.ssobroker.saml;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What the JDK's XML DSig needs in a native image: its provider ({@code XMLDSigRI}) makes the DOM
 * factories with {@code new}, but its Santuario core instantiates canonicalizers and transforms by
 * reflection (an empty constructor looked up by class), and reads its messages from a resource
 * bundle (listed in {@code META-INF/native-image/org.ssobroker/sso-broker/resource-config.json}).
 * Only the algorithms {@link SignatureCheck} accepts are registered.
 */
@RegisterForReflection(classNames = {
        "com.sun.org.apache.xml.internal.security.c14n.implementations.Canonicalizer20010315ExclOmitComments",
        "com.sun.org.apache.xml.internal.security.c14n.implementations.Canonicalizer20010315ExclWithComments",
        "com.sun.org.apache.xml.internal.security.c14n.implementations.Canonicalizer20010315OmitComments",
        "com.sun.org.apache.xml.internal.security.c14n.implementations.Canonicalizer20010315WithComments",
        "com.sun.org.apache.xml.internal.security.c14n.implementations.Canonicalizer11_OmitComments",
        "com.sun.org.apache.xml.internal.security.transforms.implementations.TransformEnvelopedSignature",
        "com.sun.org.apache.xml.internal.security.transforms.implementations.TransformC14NExclusive",
        "com.sun.org.apache.xml.internal.security.transforms.implementations.TransformC14NExclusiveWithComments",
        "com.sun.org.apache.xml.internal.security.transforms.implementations.TransformC14N",
        "com.sun.org.apache.xml.internal.security.transforms.implementations.TransformC14NWithComments",
        "com.sun.org.apache.xml.internal.security.transforms.implementations.TransformC14N11"})
final class NativeImageHints {

    private NativeImageHints() {
    }
}
