package dev.identity.gateway.web;

/** One invalid input: which field (or parameter) and what is wrong with it. */
public record FieldError(String field, String message) {}
