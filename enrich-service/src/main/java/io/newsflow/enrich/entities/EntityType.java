package io.newsflow.enrich.entities;

/**
 * The four CoNLL classes. MISC holds what news analysts still want to filter by but is neither a
 * person, an organisation nor a place: nationalities and other group adjectives ("Ukrainian"),
 * events ("World Cup"), laws, awards and products.
 */
public enum EntityType {
    PERSON, ORGANIZATION, LOCATION, MISC
}
