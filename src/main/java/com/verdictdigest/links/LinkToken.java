package com.verdictdigest.links;

import com.verdictdigest.week.IsoWeek;


/**
 * What a signed link says: who it acts for, what it may do, the edition it was sent in (for
 * statistics) and, for a bookmark or a vote, which tool.
 *
 * @param edition the edition whose email carried the link, or null for links not sent in a digest
 * @param toolId  the tool's numeric id when the purpose {@link Purpose#namesTool() names one}, otherwise 0
 */
public record LinkToken(Purpose purpose, long subscriberId, IsoWeek edition, long toolId) {

    public LinkToken {
        if (subscriberId < 0 || subscriberId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("subscriber id out of range: " + subscriberId);
        }
        if (toolId < 0 || toolId > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("tool id out of range: " + toolId);
        }
    }

}
