package io.kstretch.validation;

/**
 * Something wrong with the input, reported as {@code Ready=False}.
 *
 * @param reason stable, CamelCase condition reason
 * @param message names the resource and field, what is wrong and how to fix it
 */
public record Problem(String reason, String message) {
}
