// The corridor map: Natural Earth countries (world-atlas TopoJSON) drawn with d3-geo, one curved arrow
// per corridor from origin to destination, its width by volume. Uses the d3 and topojson globals.
const SVG = "http://www.w3.org/2000/svg";
const ANTARCTICA = "010";
const FRAME_PAD = 12; // degrees of context around the corridors' countries
// Where an arrow starts or ends for countries whose largest polygon's centroid is far from where people
// cross (lon, lat); every other country uses the centroid of its largest polygon.
const ANCHORS = { RU: [44, 56], CA: [-97, 52], US: [-98, 39], CN: [108, 33], NO: [10, 61], CL: [-71, -35] };

function svgEl(tag, attrs = {}) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

function titled(text) {
  const title = svgEl("title");
  title.textContent = text;
  return title;
}

function largestPolygon(feature) {
  const geom = feature.geometry;
  if (!geom || geom.type !== "MultiPolygon") return feature;
  let best = null, bestArea = -1;
  for (const coordinates of geom.coordinates) {
    const polygon = { type: "Polygon", coordinates };
    const area = d3.geoArea(polygon);
    if (area > bestArea) [best, bestArea] = [polygon, area];
  }
  return best;
}

export class CorridorMap {
  constructor(svg, world, countries) {
    this.svg = svg;
    this.byNumeric = new Map(countries.map((c) => [c.numeric, c]));
    this.features = topojson.feature(world, world.objects.countries).features
      .filter((f) => f.id !== ANTARCTICA);
    this.borders = topojson.mesh(world, world.objects.countries, (a, b) => a !== b);
    this.arrows = new Map();
  }

  // Draw the countries for the SVG's current size, framed on the corridors' countries (`focus`, ISO
  // alpha-2 codes) when given, else on the whole world.
  drawBase(focus = []) {
    const { width, height } = this.svg.getBoundingClientRect();
    this.svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.svg.replaceChildren();
    this.projection = d3.geoNaturalEarth1()
      .fitExtent([[6, 6], [width - 6, height - 6]], this.frame(focus));
    const path = d3.geoPath(this.projection);
    this.defs = this.svg.appendChild(svgEl("defs"));
    const land = this.svg.appendChild(svgEl("g", { class: "land" }));
    this.countryPaths = new Map();
    this.anchors = new Map();
    for (const feature of this.features) {
      const country = this.byNumeric.get(feature.id);
      const node = land.appendChild(svgEl("path", { d: path(feature) || "", class: "country" }));
      if (!country) continue;
      node.append(titled(country.name));
      this.countryPaths.set(country.alpha2, node);
      this.anchors.set(country.alpha2, this.anchorOf(country.alpha2));
    }
    this.svg.appendChild(svgEl("path", { d: path(this.borders) || "", class: "borders" }));
    this.arrowLayer = this.svg.appendChild(svgEl("g", { class: "arrows" }));
  }

  // A GeoJSON to fit the projection to: the focus countries' anchors padded by FRAME_PAD degrees, or the
  // world. Anchors, not whole outlines, so that Russia or Canada do not always frame half the globe.
  frame(focus) {
    const points = focus.map((code) => this.anchorOf(code)).filter(Boolean);
    if (points.length < 2) return { type: "FeatureCollection", features: this.features };
    const lons = points.map((p) => p[0]), lats = points.map((p) => p[1]);
    const pad = Math.max(FRAME_PAD, (Math.max(...lons) - Math.min(...lons)) * 0.25);
    const [west, east] = [Math.max(-180, Math.min(...lons) - pad), Math.min(180, Math.max(...lons) + pad)];
    const [south, north] = [Math.max(-60, Math.min(...lats) - pad / 2), Math.min(85, Math.max(...lats) + pad / 2)];
    return { type: "MultiPoint", coordinates: [[west, south], [east, north], [west, north], [east, south]] };
  }

  anchorOf(code) {
    if (ANCHORS[code]) return ANCHORS[code];
    const feature = this.features.find((f) => this.byNumeric.get(f.id)?.alpha2 === code);
    return feature ? d3.geoCentroid(largestPolygon(feature)) : null;
  }

  point(code) {
    const anchor = this.anchors.get(code);
    return anchor ? this.projection(anchor) : null;
  }

  // corridors: [{key, origin, destination, volume, label}], onPick(key). Returns the keys not drawn.
  drawArrows(corridors, onPick) {
    this.arrowLayer.replaceChildren();
    this.defs.replaceChildren();
    this.arrows.clear();
    const max = Math.max(1, ...corridors.map((c) => c.volume));
    const width = (v) => 1.5 + 8.5 * Math.sqrt(v / max);
    const missing = [];
    corridors.forEach((c, i) => {
      const [a, b] = [this.point(c.origin), this.point(c.destination)];
      if (!a || !b || c.origin === c.destination) return missing.push(c.key);
      // A short arrow (neighbours) stays slim, or its head would swallow it.
      const w = Math.min(width(c.volume), Math.max(1.5, Math.hypot(b[0] - a[0], b[1] - a[1]) / 7));
      this.arrows.set(c.key, this.arrow(c, a, b, w, i, onPick));
    });
    return missing;
  }

  arrow(c, a, b, w, i, onPick) {
    const head = 4 + w * 1.6;
    const marker = svgEl("marker", { id: `head-${i}`, viewBox: "0 0 10 10", refX: "8", refY: "5",
      markerUnits: "userSpaceOnUse", markerWidth: head, markerHeight: head, orient: "auto-start-reverse",
      class: "head" });
    marker.append(svgEl("path", { d: "M0,0 L10,5 L0,10 z" }));
    this.defs.append(marker);
    const d = curve(a, b, head * 0.6);
    const group = svgEl("g", { class: "arrow", tabindex: "0", role: "button", "data-key": c.key });
    group.append(svgEl("path", { d, class: "hit" }));
    group.append(svgEl("path", { d, class: "line", "stroke-width": w, "marker-end": `url(#head-${i})` }));
    group.append(titled(c.label));
    const pick = () => onPick(c.key);
    group.addEventListener("click", pick);
    group.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && pick());
    this.arrowLayer.append(group);
    return { group, marker };
  }

  select(corridor) {
    for (const [key, { group, marker }] of this.arrows) {
      const on = corridor && key === corridor.key;
      group.classList.toggle("selected", on);
      marker.classList.toggle("selected", on);
      if (on) this.arrowLayer.append(group); // on top
    }
    for (const [code, node] of this.countryPaths) {
      node.classList.toggle("origin", !!corridor && code === corridor.origin);
      node.classList.toggle("destination", !!corridor && code === corridor.destination);
    }
  }
}

// A quadratic curve from a to b bowing to the left of travel (so A→B and B→A do not overlap),
// stopped `shorten` px before b so the arrowhead's tip lands on it.
function curve(a, b, shorten) {
  const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
  const dist = Math.hypot(dx, dy) || 1;
  const bow = Math.min(0.25 * dist, 80);
  const c = [(a[0] + b[0]) / 2 + (dy / dist) * bow, (a[1] + b[1]) / 2 - (dx / dist) * bow];
  const [ex, ey] = [b[0] - c[0], b[1] - c[1]];
  const len = Math.hypot(ex, ey) || 1;
  const end = [b[0] - (ex / len) * shorten, b[1] - (ey / len) * shorten];
  return `M${a[0].toFixed(1)},${a[1].toFixed(1)} Q${c[0].toFixed(1)},${c[1].toFixed(1)} ` +
    `${end[0].toFixed(1)},${end[1].toFixed(1)}`;
}
