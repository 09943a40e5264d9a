package dev.ocbridge.app.architecture.violations.app;

/** Breaks "wire types are used only inside their own adapter". */
public class UsesMattermostWire {
    dev.ocbridge.app.architecture.violations.adapter.mattermost.rest.PostWire post;
}
