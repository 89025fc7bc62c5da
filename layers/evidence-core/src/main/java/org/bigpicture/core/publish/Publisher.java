package org.bigpicture.core.publish;

import java.util.Locale;

/**
 * Who published a source, and the attribution its licence asks for. Chosen from the dataset's
 * detected family (by content, see DESIGN.md "Recognised sources").
 *
 * @param title       publisher in words
 * @param path        publisher's page
 * @param attribution the sentence partners should reproduce
 */
public record Publisher(String title, String path, String attribution) {

    private static final String OGL_SENTENCE = " Licensed under the Open Government Licence v3.0.";

    static final Publisher ONS = new Publisher("Office for National Statistics", "https://www.ons.gov.uk/",
            "Source: Office for National Statistics." + OGL_SENTENCE);
    static final Publisher NOMIS = new Publisher("Nomis, official census and labour market statistics (ONS)",
            "https://www.nomisweb.co.uk/",
            "Source: Office for National Statistics, via Nomis." + OGL_SENTENCE);
    static final Publisher FINGERTIPS = new Publisher(
            "Office for Health Improvement and Disparities, Fingertips public health data",
            "https://fingertips.phe.org.uk/",
            "Contains public sector information from OHID Fingertips." + OGL_SENTENCE);
    static final Publisher IMD = new Publisher(
            "Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2019",
            "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019",
            "Source: English Indices of Deprivation 2019, MHCLG." + OGL_SENTENCE);
    static final Publisher COUNCIL_SURVEY = new Publisher("Stockport Council resident engagement",
            "https://www.stockport.gov.uk/",
            "Source: Stockport Council survey, summarised with disclosure control." + OGL_SENTENCE);
    static final Publisher COUNCIL = new Publisher("Stockport Council", "https://www.stockport.gov.uk/",
            "Contains public sector information from Stockport Council." + OGL_SENTENCE);

    /** The publisher of a family, e.g. {@code fingertips}, {@code nomis-api}, {@code ons-mye2}, {@code imd2019}. */
    public static Publisher forFamily(String family, String kind) {
        String f = family == null ? "" : family.toLowerCase(Locale.ROOT);
        if ("survey".equals(kind) || f.contains("survey") || f.contains("forms")) {
            return COUNCIL_SURVEY;
        }
        if (f.contains("fingertips") || f.contains("jsna") || f.contains("ohid")) {
            return FINGERTIPS;
        }
        if (f.contains("nomis")) {
            return NOMIS;
        }
        if (f.contains("imd") || f.contains("deprivation")) {
            return IMD;
        }
        // "ons" as a word of the family (ons-mye2, ons_v4), not inside another word.
        for (String word : f.split("[^a-z0-9]+")) {
            if (word.equals("ons") || word.startsWith("ons") && word.length() <= 5) {
                return ONS;
            }
        }
        return COUNCIL;
    }
}
