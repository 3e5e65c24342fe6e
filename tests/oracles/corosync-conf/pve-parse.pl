#!/usr/bin/perl
# Runs PVE's own corosync.conf parser (PVE::Corosync::parse_conf from pve-cluster) on each file named on the command
# line and prints one JSON object per file: whether it died and with what, and the nodes and interfaces it keys
# (nodelist.node by name, else ring0_addr; totem.interface by linknumber, else ringnumber).
# The upstream code is not part of the repository: point PVE_COROSYNC_PM at a copy of src/PVE/Corosync.pm; only the
# body of parse_conf is taken from it (the rest of the module needs a PVE host).
#   PVE_COROSYNC_PM=/tmp/pvecoro/Corosync.pm perl pve-parse.pl FILE...
use strict;
use warnings;
use Digest::SHA;
use JSON::PP;

my $pm = $ENV{PVE_COROSYNC_PM} or die "set PVE_COROSYNC_PM to a copy of pve-cluster's src/PVE/Corosync.pm\n";
open(my $fh, '<', $pm) or die "$pm: $!\n";
my $source = do { local $/; <$fh> };
my ($arrays) = $source =~ /^(my \$conf_array_sections = \{.*?^\};)$/ms or die "no \$conf_array_sections in $pm\n";
my ($sub) = $source =~ /^(sub parse_conf \{.*?^\})$/ms or die "no parse_conf in $pm\n";
# Count the node and interface blocks before parse_conf keys them (PVE keeps one block per key).
my $count = 'our @blocks = map { ref($_) eq "HASH" ? [ map { ref($_) eq "ARRAY" ? scalar(@$_) : undef } $_->@{qw(node interface)} ] : [] } $conf->{main}->@{qw(nodelist totem)};';
$sub =~ s/(\n\s*# make working with the config way easier)/\n    $count$1/ or die "parse_conf changed: no place to count blocks\n";
eval "package PVECorosync; use strict; use warnings; $arrays\n$sub\n1;" or die "cannot load parse_conf: $@";

my $json = JSON::PP->new->canonical->ascii;
for my $file (@ARGV) {
    open(my $in, '<:raw', $file) or die "$file: $!\n";
    my $raw = do { local $/; <$in> };
    close($in);
    my @warnings;
    local $SIG{__WARN__} = sub { push @warnings, $_[0] };
    @PVECorosync::blocks = ();
    my $conf = eval { PVECorosync::parse_conf('corosync.conf', $raw) };
    my $died = $@;
    my $out = { file => $file, died => $died ? "$died" : undef, warnings => [ map { "$_" } @warnings ] };
    if (!$died) {
        my ($totem, $nodelist) = ($conf->{main}{totem}, $conf->{main}{nodelist});
        my $nodes = ref($nodelist) eq 'HASH' && ref($nodelist->{node}) eq 'HASH' ? $nodelist->{node} : {};
        my $ifaces = ref($totem) eq 'HASH' && ref($totem->{interface}) eq 'HASH' ? $totem->{interface} : {};
        $out->{nodes} = { map { my $n = $nodes->{$_}; ($_ => { map { ($_ => (ref($n->{$_}) ? 'section' : $n->{$_})) } keys %$n }) } keys %$nodes };
        $out->{interfaces} = [ sort keys %$ifaces ];
        $out->{node_blocks} = $PVECorosync::blocks[0][0] // 0;
        $out->{interface_blocks} = $PVECorosync::blocks[1][1] // 0;
    }
    print $json->encode($out), "\n";
}
