# risk-engine in Quarkus's JVM layout. Build the project first (./mvnw package -DskipTests), then: docker compose -f docker/compose.yaml up
FROM eclipse-temurin:17-jre
WORKDIR /deployments
COPY risk-engine/target/quarkus-app/lib/ lib/
COPY risk-engine/target/quarkus-app/*.jar ./
COPY risk-engine/target/quarkus-app/app/ app/
COPY risk-engine/target/quarkus-app/quarkus/ quarkus/
EXPOSE 8084
RUN mkdir -p /var/lib/risk-engine && chown 185 /var/lib/risk-engine
USER 185
ENV JAVA_OPTS="-Xmx512m"
HEALTHCHECK --interval=5s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8084/q/health/ready || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
