package com.verdictdigest.testing;

import com.verdictdigest.subscribers.Subscriber;
import com.verdictdigest.subscribers.SubscriberRepository;
import com.verdictdigest.subscribers.SubscriberStatus;
import java.util.ArrayList;
import java.util.List;

/** What the database holds, for assertions. */
public final class Readers {
    private Readers() {
    }

    /** Every reader with this status (null: any), in id order. */
    public static List<Subscriber> all(SubscriberRepository repository, SubscriberStatus status) {
        List<Subscriber> all = new ArrayList<>();
        repository.pages(status, 1_000).forEach(all::addAll);
        return all;
    }
}
