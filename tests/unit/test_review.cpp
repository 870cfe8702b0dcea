// The review's two formats, exact: every reason rendered in each (review.hpp).
#include <catch2/catch.hpp>

#include <string>

#include "mstimeline/review.hpp"
#include "mstimeline/timeline.hpp"

using namespace mstl;

namespace {

// One item of each reason, in the reverse of the table's order; an even reason's item has a date text.
Timeline one_of_each() {
  Timeline t;
  Citation c{"a", 0, 5, "Microsoft dan OpenAI bertemu pada 5 Maret 2024.", "5 Maret 2024"};
  t.events = {
      Event{"e-1", *parse_date_value("2024-03-05"), "Microsoft dan OpenAI bertemu", "", "", 1, {c}, {}, {}},
      Event{"deal", *parse_date_value("2024-06"), "Kesepakatan \x1B baru", "agreement", "deal", 2, {c, c, c}, {}, {}}};
  t.review = {
      {ReviewReason::list, "why list", Citation{"a", 150, 155, "Kalimat 15.", ""}},
      {ReviewReason::current_period, "why current-period", Citation{"a", 140, 145, "Kalimat 14.", "14 Mei 2024"}},
      {ReviewReason::misprint, "why misprint", Citation{"a", 130, 135, "Kalimat 13.", ""}},
      {ReviewReason::reference, "why reference", Citation{"a", 120, 125, "Kalimat 12.", "12 Mei 2024"}},
      {ReviewReason::comparison, "why comparison", Citation{"a", 110, 115, "Kalimat 11.", ""}},
      {ReviewReason::restatement, "why restatement", Citation{"a", 100, 105, "Kalimat 10.", "10 Mei 2024"}},
      {ReviewReason::statement, "why statement", Citation{"a", 90, 95, "Kalimat 9.", ""}},
      {ReviewReason::condition, "why condition", Citation{"a", 80, 85, "Kalimat 8.", "8 Mei 2024"}},
      {ReviewReason::limit, "why limit", Citation{"a", 70, 75, "Kalimat 7.", ""}},
      {ReviewReason::future, "why future", Citation{"a", 60, 65, "Kalimat 6.", "6 Mei 2024"}},
      {ReviewReason::after_publication, "why after-publication", Citation{"a", 50, 55, "Kalimat 5.", ""}},
      {ReviewReason::not_an_event, "why not-an-event", Citation{"a", 40, 45, "Kalimat 4.", "4 Mei 2024"}},
      {ReviewReason::off_topic, "why off-topic", Citation{"a", 30, 35, "Kalimat 3.", ""}},
      {ReviewReason::weak_merge, "why weak-merge", Citation{"a", 20, 25, "Kalimat 2.", "2 Mei 2024"}},
      {ReviewReason::conflict, "why conflict", Citation{"a", 10, 15, "Kalimat 1.", ""}},
      {ReviewReason::undated, "why undated", Citation{"a", 0, 5, "Kalimat 0.", "0 Mei 2024"}}};
  return t;
}

}  // namespace

TEST_CASE("every review reason has its own name, the names the JSON has always used", "[review]") {
  std::vector<std::string> names;
  for (ReviewReason r : k_review_reasons) names.emplace_back(review_reason_name(r));
  CHECK(names == std::vector<std::string>{"undated", "conflict", "weak-merge", "off-topic", "not-an-event",
                                          "after-publication", "future", "limit", "condition", "statement",
                                          "restatement", "comparison", "reference", "misprint", "current-period",
                                          "list"});
  for (ReviewReason r : k_review_reasons) CHECK(parse_review_reason(review_reason_name(r)) == r);
  CHECK(review_reason_name(ReviewReason::future) == "future");  // a plan: DateRole::plan
  CHECK(review_reason_name(ReviewReason::limit) == "limit");    // a bound: DateRole::bound
  CHECK_FALSE(parse_review_reason("plan"));
  CHECK_FALSE(parse_review_reason(""));
  CHECK_FALSE(parse_review_reason("Future"));
}

TEST_CASE("review text: the events kept, then a section for every reason with its count, in the table's order",
          "[review]") {
  CHECK(render_review_text(one_of_each()) ==
        R"X(== Events kept, as build publishes them (events: 2)
2024-03-05 e-1 (1 source, 1 citation)
    Microsoft dan OpenAI bertemu
2024-06 deal (2 sources, 3 citations)
    Kesepakatan ␛ baru

== On-topic sentences reporting an event, with no date and no catalog event (undated: 1)
a:0-5 [0 Mei 2024] why undated
    Kalimat 0.

== Text dates that contradict their catalog event (conflict: 1)
a:10-15 why conflict
    Kalimat 1.

== Mentions merged on weak evidence (weak-merge: 1)
a:20-25 [2 Mei 2024] why weak-merge
    Kalimat 2.

== Dated sentences left out as off topic (off-topic: 1)
a:30-35 why off-topic
    Kalimat 3.

== Dated on-topic sentences with no verb or event word (not-an-event: 1)
a:40-45 [4 Mei 2024] why not-an-event
    Kalimat 4.

== Dates after the source's publication date (plans, deadlines) (after-publication: 1)
a:50-55 why after-publication
    Kalimat 5.

== Plans: dates after a future cue ("akan", "will") (future: 1)
a:60-65 [6 Mei 2024] why future
    Kalimat 6.

== Dates that bound something ("hingga 2030") (limit: 1)
a:70-75 why limit
    Kalimat 7.

== Hypotheticals: dates after a condition cue ("jika", "if") (condition: 1)
a:80-85 [8 Mei 2024] why condition
    Kalimat 8.

== Days something was said, in sentences another date dates ("kata X, Selasa") (statement: 1)
a:90-95 why statement
    Kalimat 9.

== The same instant told again in local time ("(Rabu pagi WIB)") (restatement: 1)
a:100-105 [10 Mei 2024] why restatement
    Kalimat 10.

== Points of comparison ("terendah sejak Juli 2009") (comparison: 1)
a:110-115 why comparison
    Kalimat 11.

== Dates that name a thing or a period ("pengiriman Januari", "selama November") (reference: 1)
a:120-125 [12 Mei 2024] why reference
    Kalimat 12.

== Dates whose weekday is not theirs ("Rabu (14/12/2014)", a Sunday): not trusted (misprint: 1)
a:130-135 why misprint
    Kalimat 13.

== The period a source is written in ("tahun ini", "2014" in a 2014 article) (current-period: 1)
a:140-145 [14 Mei 2024] why current-period
    Kalimat 14.

== Lists, tables and text without sentence ends: too many dates or bytes for one sentence (list: 1)
a:150-155 why list
    Kalimat 15.

)X");
}

TEST_CASE("review text: a reason with no item still has its section, counted 0", "[review]") {
  CHECK(render_review_text(Timeline{}) ==
        R"X(== Events kept, as build publishes them (events: 0)

== On-topic sentences reporting an event, with no date and no catalog event (undated: 0)

== Text dates that contradict their catalog event (conflict: 0)

== Mentions merged on weak evidence (weak-merge: 0)

== Dated sentences left out as off topic (off-topic: 0)

== Dated on-topic sentences with no verb or event word (not-an-event: 0)

== Dates after the source's publication date (plans, deadlines) (after-publication: 0)

== Plans: dates after a future cue ("akan", "will") (future: 0)

== Dates that bound something ("hingga 2030") (limit: 0)

== Hypotheticals: dates after a condition cue ("jika", "if") (condition: 0)

== Days something was said, in sentences another date dates ("kata X, Selasa") (statement: 0)

== The same instant told again in local time ("(Rabu pagi WIB)") (restatement: 0)

== Points of comparison ("terendah sejak Juli 2009") (comparison: 0)

== Dates that name a thing or a period ("pengiriman Januari", "selama November") (reference: 0)

== Dates whose weekday is not theirs ("Rabu (14/12/2014)", a Sunday): not trusted (misprint: 0)

== The period a source is written in ("tahun ini", "2014" in a 2014 article) (current-period: 0)

== Lists, tables and text without sentence ends: too many dates or bytes for one sentence (list: 0)

)X");
}

TEST_CASE("review json: every reason by its machine name, items in the timeline's order, then the events kept",
          "[review]") {
  CHECK(render_review_json(one_of_each()) ==
        R"X({
  "review": [
    {
      "reason": "list",
      "detail": "why list",
      "source": "a",
      "start": 150,
      "end": 155,
      "quote": "Kalimat 15.",
      "date_text": ""
    },
    {
      "reason": "current-period",
      "detail": "why current-period",
      "source": "a",
      "start": 140,
      "end": 145,
      "quote": "Kalimat 14.",
      "date_text": "14 Mei 2024"
    },
    {
      "reason": "misprint",
      "detail": "why misprint",
      "source": "a",
      "start": 130,
      "end": 135,
      "quote": "Kalimat 13.",
      "date_text": ""
    },
    {
      "reason": "reference",
      "detail": "why reference",
      "source": "a",
      "start": 120,
      "end": 125,
      "quote": "Kalimat 12.",
      "date_text": "12 Mei 2024"
    },
    {
      "reason": "comparison",
      "detail": "why comparison",
      "source": "a",
      "start": 110,
      "end": 115,
      "quote": "Kalimat 11.",
      "date_text": ""
    },
    {
      "reason": "restatement",
      "detail": "why restatement",
      "source": "a",
      "start": 100,
      "end": 105,
      "quote": "Kalimat 10.",
      "date_text": "10 Mei 2024"
    },
    {
      "reason": "statement",
      "detail": "why statement",
      "source": "a",
      "start": 90,
      "end": 95,
      "quote": "Kalimat 9.",
      "date_text": ""
    },
    {
      "reason": "condition",
      "detail": "why condition",
      "source": "a",
      "start": 80,
      "end": 85,
      "quote": "Kalimat 8.",
      "date_text": "8 Mei 2024"
    },
    {
      "reason": "limit",
      "detail": "why limit",
      "source": "a",
      "start": 70,
      "end": 75,
      "quote": "Kalimat 7.",
      "date_text": ""
    },
    {
      "reason": "future",
      "detail": "why future",
      "source": "a",
      "start": 60,
      "end": 65,
      "quote": "Kalimat 6.",
      "date_text": "6 Mei 2024"
    },
    {
      "reason": "after-publication",
      "detail": "why after-publication",
      "source": "a",
      "start": 50,
      "end": 55,
      "quote": "Kalimat 5.",
      "date_text": ""
    },
    {
      "reason": "not-an-event",
      "detail": "why not-an-event",
      "source": "a",
      "start": 40,
      "end": 45,
      "quote": "Kalimat 4.",
      "date_text": "4 Mei 2024"
    },
    {
      "reason": "off-topic",
      "detail": "why off-topic",
      "source": "a",
      "start": 30,
      "end": 35,
      "quote": "Kalimat 3.",
      "date_text": ""
    },
    {
      "reason": "weak-merge",
      "detail": "why weak-merge",
      "source": "a",
      "start": 20,
      "end": 25,
      "quote": "Kalimat 2.",
      "date_text": "2 Mei 2024"
    },
    {
      "reason": "conflict",
      "detail": "why conflict",
      "source": "a",
      "start": 10,
      "end": 15,
      "quote": "Kalimat 1.",
      "date_text": ""
    },
    {
      "reason": "undated",
      "detail": "why undated",
      "source": "a",
      "start": 0,
      "end": 5,
      "quote": "Kalimat 0.",
      "date_text": "0 Mei 2024"
    }
  ],
  "events": [
    {
      "id": "e-1",
      "date": "2024-03-05",
      "title": "Microsoft dan OpenAI bertemu",
      "kind": null,
      "sources": 1,
      "citations": 1
    },
    {
      "id": "deal",
      "date": "2024-06",
      "title": "Kesepakatan \u001b baru",
      "kind": "agreement",
      "sources": 2,
      "citations": 3
    }
  ]
}
)X");
}
