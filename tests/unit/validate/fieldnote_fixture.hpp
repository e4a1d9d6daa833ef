// Realistic validator inputs built from the Fieldnote sample (shared/samples): the brand, the
// knowledge-base passages, and a good LinkedIn post, X thread and 12-slide deck written from them.
#pragma once

#include "core/model/brief.hpp"
#include "core/model/content_item.hpp"
#include "core/ports/knowledge_base.hpp"

#include <string>
#include <vector>

namespace swarm::test::fieldnote {

inline core::BrandRules brand() {
    core::BrandRules b;
    b.name = "Fieldnote";
    b.voice = "plain-spoken, specific, numbers over adjectives";
    b.required_hashtags = {"#FieldService"};
    b.banned_phrases = {"game-changer", "revolutionary", "synergy"};
    b.call_to_action = "Start a 14-day free trial at fieldnote.example";
    return b;
}

inline core::Passage passage(std::string id, std::string heading, std::string text) {
    core::Passage p;
    p.id = std::move(id);
    p.document = "kb.md";
    p.heading = std::move(heading);
    p.text = std::move(text);
    return p;
}

inline std::vector<core::Passage> passages() {
    return {
        passage("overview-1", "Company Overview",
                "Fieldnote builds scheduling and dispatch software for field service teams: HVAC "
                "contractors, plumbers, electricians and appliance repair shops with 5 to 200 "
                "technicians. Founded in 2023 in Columbus, Ohio, by Maya Okafor (CEO, former "
                "operations lead at a 120-truck HVAC company) and Daniel Reyes (CTO, previously a "
                "routing engineer at a logistics startup)."),
        passage("overview-2", "Company Overview > The problem we solve",
                "Dispatchers at small and mid-sized service companies still plan the day on "
                "whiteboards and spreadsheets. A typical dispatcher spends 3 to 4 hours a day "
                "rearranging jobs by hand when emergencies come in. Technicians drive an average "
                "of 38% more miles than an optimized route would need, and 1 in 5 appointment "
                "windows is missed, which drives bad reviews and refunds."),
        passage("overview-3", "Company Overview > Our solution",
                "Fieldnote plans every technician's day automatically. It takes job type, skills, "
                "parts on the truck, traffic and customer time windows into account, and re-plans "
                "within seconds when an emergency call arrives. Customers get a live arrival link "
                "by text message."),
        passage("faq-1", "FAQ",
                "How long does setup take? Most teams are live in one day. We import customers, "
                "technicians and open jobs from a spreadsheet or from QuickBooks. Does it work "
                "without signal? Yes. The technician app works offline and syncs when back "
                "online. Is my data safe? Data is encrypted in transit and at rest. We are SOC 2 "
                "Type II audited."),
        passage("pricing-1", "Pricing",
                "- Starter: $29 per technician per month. Smart Dispatch, Technician App, up to 10 "
                "technicians.\n- Growth: $49 per technician per month. Adds Live Arrival Links, "
                "Route Optimization and integrations.\n- Enterprise: custom pricing for 100+ "
                "technicians. All plans include a 14-day free trial with no credit card required. "
                "Annual billing saves 15%."),
        passage("features-1", "Product Features > Smart Dispatch",
                "- Builds the next day's schedule for up to 200 technicians in under 10 seconds.\n"
                "- Matches jobs to technicians by skill, certification and parts on the truck.\n"
                "- Re-plans the day in real time when an emergency job or a cancellation comes "
                "in."),
        passage("features-2", "Product Features > Live Arrival Links",
                "- Customers receive a text with a live map link and an arrival window of 30 "
                "minutes or less.\n- Reduces \"where is my technician?\" calls by 62% in our pilot "
                "accounts."),
        passage("features-3", "Product Features > Route Optimization",
                "- Cuts drive time by 24% on average across pilot customers.\n- Uses live traffic "
                "and learns how long each job type really takes."),
        passage("features-4", "Product Features > Technician App and Integrations",
                "- iOS and Android app with offline mode for basements and rural areas.\n- "
                "QuickBooks Online, Xero, Google Calendar, Twilio, and Zapier.\n- Open REST API "
                "and webhooks."),
        passage("team-1", "Team and Fundraise > Team",
                "- Maya Okafor, CEO: 9 years running dispatch for a 120-truck HVAC company.\n- "
                "Daniel Reyes, CTO: built vehicle routing systems serving 2 million deliveries a "
                "month.\n- Priya Natarajan, Head of Sales: grew a vertical SaaS sales team from 0 "
                "to $8M ARR.\n- 18 employees, remote-first, headquartered in Columbus, Ohio."),
        passage("team-2", "Team and Fundraise > The ask",
                "Fieldnote is raising a $6M Series A to grow the sales team, launch a "
                "parts-inventory module and expand to Canada. Use of funds: 50% go-to-market, 35% "
                "product and engineering, 15% operations. Target: $8M ARR within 18 months."),
        passage("traction-1", "Traction and Market > Traction",
                "- 340 paying companies, 4,100 technicians on the platform.\n- $2.1M annual "
                "recurring revenue, growing 14% month over month for the last 6 months.\n- Net "
                "revenue retention of 131%; logo churn under 2% per month.\n- Pilot results: 24% "
                "less drive time, 62% fewer \"where is my tech\" calls, 9% more jobs per "
                "technician per week."),
        passage("traction-2", "Traction and Market > Market",
                "- 480,000 field service businesses in the US employ 3.2 million technicians.\n- "
                "Field service management software is a $5.1B market growing 11% per year.\n- "
                "Fewer than 30% of companies with under 50 technicians use any dispatch software "
                "today."),
        passage("traction-3", "Traction and Market > Competition",
                "- ServiceTitan: powerful but built for large contractors; long onboarding and "
                "high price.\n- Jobber and Housecall Pro: easy to start but weak at routing and "
                "real-time re-planning.\n- Fieldnote: enterprise-grade optimization with a 1-day "
                "setup, priced for small teams.\nPer-technician SaaS subscription. Gross margin "
                "81%. CAC payback of 7 months."),
    };
}

inline core::ContentItem linkedin_post() {
    core::ContentItem item;
    item.platform = core::Platform::kLinkedIn;
    item.body =
        "Emergency calls shouldn't wreck the whole day.\n\n"
        "Dispatchers at small and mid-sized service companies still plan on whiteboards and "
        "spreadsheets. A typical dispatcher spends 3 to 4 hours a day rearranging jobs by hand "
        "when emergencies come in, and 1 in 5 appointment windows is missed.\n\n"
        "Fieldnote now re-plans every technician's day within seconds when an emergency call "
        "arrives. It weighs job type, skills, parts on the truck, traffic and customer time "
        "windows, then sends customers a live arrival link by text message.\n\n"
        "What our pilot customers saw:\n"
        "- 24% less drive time\n"
        "- 62% fewer \"where is my tech\" calls\n"
        "- 9% more jobs per technician per week\n\n"
        "Setup takes one day. We import customers, technicians and open jobs from a spreadsheet "
        "or from QuickBooks, and the technician app works offline in basements and rural "
        "areas.\n\n"
        "Today 340 paying companies and 4,100 technicians run their days on Fieldnote. If you run "
        "an HVAC or plumbing company with 5 to 200 technicians, we would like to show you what a "
        "calmer dispatch board feels like.\n\n"
        "Start a 14-day free trial at fieldnote.example\n\n"
        "#FieldService #HVAC #Plumbing #Dispatch";
    item.hashtags = {"#FieldService", "#HVAC", "#Plumbing", "#Dispatch"};
    return item;
}

inline core::Part post(std::string body) {
    return core::Part{"", std::move(body), {}, ""};
}

inline core::ContentItem x_thread() {
    core::ContentItem item;
    item.platform = core::Platform::kTwitter;
    item.parts = {
        post("Emergency calls wreck a dispatcher's day: 3 to 4 hours of moving jobs by hand. "
             "\xF0\x9F\xA7\xB5 1/6"),
        post("2/6 Technicians drive 38% more miles than an optimized route needs, and 1 in 5 "
             "appointment windows is missed."),
        post("3/6 Fieldnote re-plans the whole day within seconds when an emergency call "
             "arrives, using skills, parts on the truck, traffic and time windows."),
        post("4/6 Pilot results: 24% less drive time, 62% fewer \"where is my tech\" calls, 9% "
             "more jobs per technician per week. \xF0\x9F\x93\x88"),
        post("5/6 Most teams are live in one day, and customers get a live arrival link by text "
             "message. \xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x94\xA7"),
        post("6/6 Start a 14-day free trial at fieldnote.example #FieldService"),
    };
    item.hashtags = {"#FieldService"};
    return item;
}

inline core::Part slide(std::string title, std::vector<std::string> bullets,
                        std::string notes = {}) {
    return core::Part{std::move(title), "", std::move(bullets), std::move(notes)};
}

inline core::ContentItem deck() {
    core::ContentItem item;
    item.platform = core::Platform::kPitchDeck;
    item.parts = {
        slide("Fieldnote", {"Scheduling and dispatch software for field service teams",
                            "Founded in 2023 in Columbus, Ohio"}),
        slide("Problem", {"Dispatchers spend 3 to 4 hours a day rearranging jobs by hand",
                          "Technicians drive 38% more miles than an optimized route needs",
                          "1 in 5 appointment windows is missed"}),
        slide("Solution", {"Plans every technician's day automatically",
                           "Re-plans within seconds when an emergency call arrives",
                           "Customers get a live arrival link by text message"}),
        slide("Product", {"Smart Dispatch: schedules up to 200 technicians in under 10 seconds",
                          "Live Arrival Links cut \"where is my technician?\" calls by 62%",
                          "Route Optimization: 24% less drive time on average",
                          "Technician app works offline; connects to QuickBooks and Xero"}),
        slide("Market", {"480,000 field service businesses in the US", "3.2 million technicians",
                         "A $5.1B software market growing 11% per year",
                         "Fewer than 30% of companies under 50 technicians use dispatch software"}),
        slide("Business model", {"Per-technician SaaS subscription: $29 or $49 per month",
                                 "Gross margin 81%", "CAC payback of 7 months"}),
        slide("Traction", {"340 paying companies and 4,100 technicians",
                           "$2.1M ARR, growing 14% month over month",
                           "Net revenue retention of 131%; logo churn under 2% per month"}),
        slide("Competition",
              {"ServiceTitan: powerful, but long onboarding and a high price",
               "Jobber and Housecall Pro: weak at routing and re-planning",
               "Fieldnote: optimization with a 1-day setup, priced for small teams"}),
        slide("Team", {"Maya Okafor, CEO: 9 years running dispatch for a 120-truck HVAC company",
                       "Daniel Reyes, CTO: routing systems serving 2 million deliveries a month",
                       "Priya Natarajan, Head of Sales: grew a SaaS team from 0 to $8M ARR",
                       "18 employees, remote-first"}),
        slide("Financials",
              {"$2.1M ARR today", "Target: $8M ARR within 18 months", "Gross margin 81%"}),
        slide("The ask", {"Raising a $6M Series A",
                          "Use of funds: 50% go-to-market, 35% product and engineering, 15% "
                          "operations",
                          "Grow sales, launch parts inventory, expand to Canada"}),
        slide("Thank you", {"Start a 14-day free trial at fieldnote.example"},
              "Questions go to Maya Okafor, CEO."),
    };
    return item;
}

}  // namespace swarm::test::fieldnote
