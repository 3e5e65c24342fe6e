#!/usr/bin/perl
# Dumps, for each ha-tester scenario directory given, the HA rules the CRM schedules with: rules_config parsed,
# defaults set, PVE::HA::Rules->transform (feasibility drops, merges, implicit rules) over the scenario's nodes,
# exactly as PVE::HA::Manager::manage does. Writes DIR/effective_rules.json. Needs pve-ha-manager's src/ and
# pve-common's src/ on @INC (see README.md). Written for pvelint; it only calls the upstream modules.
use strict;
use warnings;

use JSON;
use PVE::Tools;
use PVE::HA::Rules;
use PVE::HA::Rules::NodeAffinity;
use PVE::HA::Rules::ResourceAffinity;

PVE::HA::Rules::NodeAffinity->register();
PVE::HA::Rules::ResourceAffinity->register();
PVE::HA::Rules->init(property_isolation => 1);

for my $dir (@ARGV) {
    my $hardware = decode_json(PVE::Tools::file_get_contents("$dir/hardware_status"));
    my $nodes = [sort keys %$hardware];
    my $file = "$dir/rules_config";
    my $raw = -f $file ? PVE::Tools::file_get_contents($file) : '';
    my $rules = PVE::HA::Rules->parse_config($file, $raw);
    PVE::HA::Rules->set_rule_defaults($_) for values %{ $rules->{ids} };
    my $messages = PVE::HA::Rules->transform($rules, $nodes);

    my @effective;
    for my $id (sort { $rules->{order}->{$a} <=> $rules->{order}->{$b} || $a cmp $b } keys %{ $rules->{ids} }) {
        my $rule = $rules->{ids}->{$id};
        next if exists $rule->{disable};
        my $entry = { id => $id, type => $rule->{type}, resources => [sort keys %{ $rule->{resources} }] };
        if ($rule->{type} eq 'node-affinity') {
            $entry->{nodes} = { map { $_ => ($rule->{nodes}->{$_}->{priority} // 0) + 0 } keys %{ $rule->{nodes} } };
            $entry->{strict} = $rule->{strict} ? JSON::true : JSON::false;
        } else {
            $entry->{affinity} = $rule->{affinity};
        }
        push @effective, $entry;
    }
    chomp(my @dropped = @$messages);
    PVE::Tools::file_set_contents("$dir/effective_rules.json",
        to_json({ rules => \@effective, dropped => \@dropped }, { canonical => 1, pretty => 1 }));
}
